import fc from 'fast-check';
import { isSameRef, normalizeRef } from './normalizeRef';

describe('normalizeRef', () => {
  it('reads case, whitespace and short forms as the same ref', () => {
    const variants = [
      'user:default/jane.doe',
      'User:Default/Jane.Doe',
      '  user:default/jane.doe\t',
      'USER:DEFAULT/JANE.DOE',
      'jane.doe',
      'default/Jane.Doe',
      ' Jane.Doe ',
    ];
    for (const variant of variants) {
      expect(normalizeRef(variant)).toBe('user:default/jane.doe');
      expect(isSameRef(variant, 'user:default/jane.doe')).toBe(true);
    }
  });

  it('tells different people and kinds apart', () => {
    expect(isSameRef('user:default/jane', 'user:default/jane2')).toBe(false);
    expect(isSameRef('user:default/jane', 'group:default/jane')).toBe(false);
    expect(isSameRef('user:default/jane', 'user:other/jane')).toBe(false);
  });

  it('takes the default kind given for owner lists', () => {
    expect(normalizeRef('Risk-ML', { defaultKind: 'group' })).toBe(
      'group:default/risk-ml',
    );
  });

  it('compares service principals by their text', () => {
    expect(isSameRef('service:external:ci', ' Service:External:CI ')).toBe(
      true,
    );
  });

  it('finds every case and whitespace variant of any ref the same', () => {
    const part = fc.stringMatching(/^[a-z][a-z0-9._-]{0,20}$/);
    fc.assert(
      fc.property(
        part,
        part,
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.constantFrom('', ' ', '\t', '  \n'),
        (namespace, name, upper, space) => {
          const ref = `user:${namespace}/${name}`;
          const variant = `${space}${[...ref]
            .map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c))
            .join('')}${space}`;
          expect(isSameRef(variant, ref)).toBe(true);
        },
      ),
    );
  });
});
