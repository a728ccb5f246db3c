import { isDatasetEntity, isMLModelEntity } from './guards';

const entity = (apiVersion: string, kind: string) => ({
  apiVersion,
  kind,
  metadata: { name: 'x' },
  spec: { owner: 'team', lifecycle: 'production' },
});

describe('kind guards', () => {
  it('recognise their kind of the ModelOps apiVersion only', () => {
    expect(isMLModelEntity(entity('modelops.dev/v1alpha1', 'MLModel'))).toBe(
      true,
    );
    expect(isMLModelEntity(entity('modelops.dev/v1alpha1', 'mlmodel'))).toBe(
      true,
    );
    expect(isMLModelEntity(entity('modelops.dev/v1alpha1', 'Dataset'))).toBe(
      false,
    );
    expect(isMLModelEntity(entity('backstage.io/v1alpha1', 'MLModel'))).toBe(
      false,
    );
    expect(isMLModelEntity(undefined)).toBe(false);
    expect(isDatasetEntity(entity('modelops.dev/v1alpha1', 'Dataset'))).toBe(
      true,
    );
    expect(isDatasetEntity(entity('modelops.dev/v1alpha1', 'Component'))).toBe(
      false,
    );
  });
});
