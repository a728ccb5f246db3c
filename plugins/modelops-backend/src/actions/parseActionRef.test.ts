import { parseActionRef } from './parseActionRef';

describe('parseActionRef', () => {
  it('accepts names and full refs', () => {
    expect(parseActionRef('credit-risk-scorer', 'model', 'mlmodel')).toBe(
      'mlmodel:default/credit-risk-scorer',
    );
    expect(parseActionRef(' risk-ml ', 'team', 'group')).toBe(
      'group:default/risk-ml',
    );
    expect(
      parseActionRef('dataset:default/credit-features', 'entity', 'mlmodel'),
    ).toBe('dataset:default/credit-features');
  });

  it('names the field when the value is not a reference', () => {
    expect(() => parseActionRef('  ', 'model', 'mlmodel')).toThrow(
      'model: must be an entity reference such as mlmodel:default/name, or a name',
    );
  });
});
