import { mockServices } from '@backstage/backend-test-utils';
import { readScorecardsConfig } from './readScorecardsConfig';

const check = {
  id: 'acme.model-card-link',
  title: 'Model card linked',
  description: 'A link typed model-card.',
  rationale: {
    practice: 'Module 9: Standardize documentation templates',
    obligations: ['nist-ai-rmf.map-1.1'],
  },
  appliesTo: { kinds: ['MLModel'] },
  rule: { fact: 'links.model-card', op: 'exists' },
  severity: 'info',
  remediation: { text: 'Add a model-card link.' },
  pack: 'documentation',
  level: 'gold',
};
const read = (scorecards: unknown) =>
  readScorecardsConfig(
    mockServices.rootConfig({ data: { modelops: { scorecards } } as any }),
  );

describe('readScorecardsConfig', () => {
  it('reads checks, schedule and defaults', () => {
    expect(readScorecardsConfig(mockServices.rootConfig())).toMatchObject({
      checks: [],
      pageSize: 500,
      disabledChecks: [],
    });
    const config = read({
      checks: [check],
      schedule: { frequency: { minutes: 15 }, timeout: { minutes: 5 } },
      disabledChecks: ['cost.tags'],
    });
    expect(config.checks).toEqual([check]);
    expect(config.schedule).toMatchObject({ frequency: { minutes: 15 } });
    expect(config.disabledChecks).toEqual(['cost.tags']);
  });

  it('names the config path and rule of a bad check', () => {
    expect(() =>
      read({
        checks: [
          check,
          { ...check, rule: { fact: 'links.x', op: 'sometimes' } },
        ],
      }),
    ).toThrow(/modelops\.scorecards\.checks\.1\.rule/);
    expect(() => read({ checks: [{ ...check, severity: 'fatal' }] })).toThrow(
      /modelops\.scorecards\.checks\.0\.severity/,
    );
    expect(() =>
      read({ checks: [{ ...check, appliesTo: { kinds: [] } }] }),
    ).toThrow(/modelops\.scorecards\.checks\.0\.appliesTo\.kinds/);
    expect(() => read({ pageSize: 0 })).toThrow(
      'modelops.scorecards.pageSize: must be an integer from 1 to 5000',
    );
  });

  it('runs the change scan every 2 minutes unless configured or switched off', () => {
    expect(readScorecardsConfig(mockServices.rootConfig())).toMatchObject({
      changeDetection: {
        schedule: { frequency: { minutes: 2 } },
        maxEntities: 5000,
      },
    });
    expect(
      read({
        changeDetection: {
          schedule: { frequency: { seconds: 30 }, timeout: { minutes: 1 } },
          maxEntities: 200,
        },
      }).changeDetection,
    ).toMatchObject({
      schedule: { frequency: { seconds: 30 } },
      maxEntities: 200,
    });
    expect(
      read({ changeDetection: { enabled: false } }).changeDetection,
    ).toBeUndefined();
    expect(() => read({ changeDetection: { maxEntities: 0 } })).toThrow(
      'modelops.scorecards.changeDetection.maxEntities: must be a positive integer',
    );
  });
});
