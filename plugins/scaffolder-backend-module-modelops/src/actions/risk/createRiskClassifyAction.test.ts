import { InputError } from '@backstage/errors';
import { mockContext } from '../../__testUtils__/mockContext';
import { createRiskClassifyAction } from './createRiskClassifyAction';

describe('modelops:risk:classify', () => {
  const action = createRiskClassifyAction();

  it('outputs tier, controls, rationale and domain', async () => {
    const ctx = mockContext({
      input: { answers: { annexIIIAreas: ['employment'] } },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('tier', 'high');
    expect(ctx.output).toHaveBeenCalledWith('domain', 'employment');
    expect(ctx.output).toHaveBeenCalledWith(
      'controls',
      expect.arrayContaining([
        expect.objectContaining({ id: 'human-oversight', article: 'Art. 14' }),
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith('rationale', [
      expect.stringContaining('Annex III(4)'),
    ]);
  });

  it('classifies an empty questionnaire as minimal without a domain', async () => {
    const ctx = mockContext({ input: { answers: {} } });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('tier', 'minimal');
    expect(ctx.output).not.toHaveBeenCalledWith('domain', expect.anything());
  });

  it('rejects an unknown answer naming the field and the allowed values', async () => {
    const ctx = mockContext({
      input: { answers: { annexIIIAreas: ['credit'] } },
    });
    const run = action.handler(ctx);
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /answers\.annexIIIAreas\.0: Invalid enum value\. Expected 'biometrics' \| .*received 'credit'/,
    );
  });

  it('rejects a misspelt question', async () => {
    const ctx = mockContext({
      input: { answers: { transparencyDuty: ['deep-fake'] } },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      "answers: Unrecognized key(s) in object: 'transparencyDuty'",
    );
  });

  it('declares its input as JSON Schema for the scaffolder', () => {
    expect(action.schema?.input).toMatchObject({
      properties: { answers: { type: 'object' } },
      required: ['answers'],
    });
    expect(action.examples?.length).toBeGreaterThan(0);
  });
});
