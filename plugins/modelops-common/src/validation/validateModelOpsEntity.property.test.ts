import fc from 'fast-check';
import {
  datasetSpecArbitrary as datasetSpec,
  mlModelSpecArbitrary as mlModelSpec,
  nameArbitrary as name,
} from '../__testUtils__/specArbitraries';
import { MODELOPS_LIFECYCLES } from '../kinds/enums';
import { MODELOPS_API_VERSION } from '../kinds/constants';
import { validateModelOpsEntity } from './validateModelOpsEntity';

const entity = (kind: string, spec: object) => ({
  apiVersion: MODELOPS_API_VERSION,
  kind,
  metadata: { name: 'generated' },
  spec,
});

describe('validateModelOpsEntity properties', () => {
  it('accepts every generated valid MLModel spec', () => {
    fc.assert(
      fc.property(mlModelSpec, spec => {
        expect(validateModelOpsEntity(entity('MLModel', spec))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every generated valid Dataset spec', () => {
    fc.assert(
      fc.property(datasetSpec, spec => {
        expect(validateModelOpsEntity(entity('Dataset', spec))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('reports an unknown key added to any valid spec at its path', () => {
    fc.assert(
      fc.property(
        mlModelSpec,
        fc.stringMatching(/^x[A-Za-z]{3,12}$/),
        (spec, key) => {
          const problems = validateModelOpsEntity(
            entity('MLModel', { ...spec, [key]: true }),
          );
          expect(problems.map(p => p.path)).toEqual([`spec.${key}`]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reports a wrong lifecycle on any valid spec and nothing else', () => {
    fc.assert(
      fc.property(
        datasetSpec,
        name.filter(
          n => !(MODELOPS_LIFECYCLES as readonly string[]).includes(n),
        ),
        (spec, lifecycle) => {
          const problems = validateModelOpsEntity(
            entity('Dataset', { ...spec, lifecycle }),
          );
          expect(problems.map(p => p.message)).toEqual([
            `spec.lifecycle: expected one of ${MODELOPS_LIFECYCLES.join(
              ', ',
            )}; got "${lifecycle}"`,
          ]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
