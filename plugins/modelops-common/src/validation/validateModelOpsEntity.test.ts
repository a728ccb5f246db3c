import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { validateModelOpsEntity } from './validateModelOpsEntity';
import { formatValidationProblems } from './formatValidationProblems';

const referenceDir = path.resolve(__dirname, '../../../../docs/reference');
const readReference = (file: string) =>
  parse(fs.readFileSync(path.join(referenceDir, file), 'utf8'));

describe('validateModelOpsEntity', () => {
  it.each(['mlmodel.full.yaml', 'dataset.full.yaml'])(
    'accepts the reference document %s',
    file => {
      expect(validateModelOpsEntity(readReference(file))).toEqual([]);
    },
  );

  it('accepts a one-line model', () => {
    expect(
      validateModelOpsEntity({
        apiVersion: 'modelops.dev/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'tiny' },
        spec: { owner: 'team-a', lifecycle: 'experimental' },
      }),
    ).toEqual([]);
  });

  it('names the path, the rule and the value found', () => {
    const doc = readReference('mlmodel.full.yaml');
    doc.spec.risk.tier = 'hgih';
    expect(validateModelOpsEntity(doc)).toEqual([
      {
        path: 'spec.risk.tier',
        rule: 'expected one of unacceptable, high, limited, minimal',
        message:
          'spec.risk.tier: expected one of unacceptable, high, limited, minimal; got "hgih"',
      },
    ]);
  });

  it('returns every problem, not only the first', () => {
    const problems = validateModelOpsEntity({
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'Dataset',
      metadata: { name: 'd' },
      spec: {
        lifecycle: 'prod',
        containsPII: 'yes',
        regulatons: ['gdpr'],
        retention: { period: '7 years' },
      },
    });
    expect(formatValidationProblems(problems)).toBe(
      [
        'spec.lifecycle: expected one of experimental, development, staging, production, deprecated, retired; got "prod"',
        'spec.owner: required, expected a string; got nothing',
        'spec.containsPII: expected true or false; got "yes"',
        'spec.retention.period: expected an ISO 8601 duration like P90D, P7Y or PT24H; got "7 years"',
        'spec.regulatons: unknown field, did you mean "regulations"?; got ["gdpr"]',
      ].join('\n'),
    );
  });

  it('rejects other kinds and non-objects', () => {
    expect(validateModelOpsEntity('x')[0].message).toBe(
      'entity: expected an entity document (a mapping); got "x"',
    );
    expect(
      validateModelOpsEntity({ kind: 'Component', spec: {} })[0].message,
    ).toBe('kind: expected one of MLModel, Dataset; got "Component"');
  });
});
