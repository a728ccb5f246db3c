import { ConfigReader } from '@backstage/config';
import {
  disallowedKindsMessage,
  findDisallowedKinds,
} from './findDisallowedKinds';

describe('findDisallowedKinds', () => {
  it('finds both kinds missing from the stock rules', () => {
    const config = new ConfigReader({
      catalog: {
        rules: [{ allow: ['Component', 'System', 'API', 'Resource'] }],
      },
    });
    expect(findDisallowedKinds(config)).toEqual(['MLModel', 'Dataset']);
  });

  it('applies the catalog default rules when none are configured', () => {
    expect(findDisallowedKinds(new ConfigReader({}))).toEqual([
      'MLModel',
      'Dataset',
    ]);
  });

  it('accepts the kinds in any rule and in any letter case', () => {
    const config = new ConfigReader({
      catalog: {
        rules: [{ allow: ['Component'] }, { allow: ['mlmodel', 'DATASET'] }],
      },
    });
    expect(findDisallowedKinds(config)).toEqual([]);
  });

  it('names only the kind still missing', () => {
    const config = new ConfigReader({
      catalog: { rules: [{ allow: ['MLModel'] }] },
    });
    expect(findDisallowedKinds(config)).toEqual(['Dataset']);
  });

  it('names the config key and the rule to add', () => {
    expect(disallowedKindsMessage(['MLModel', 'Dataset'])).toBe(
      'MLModel and Dataset entities are not allowed by catalog.rules, so the ' +
        'catalog rejects them. Add them to app-config.yaml: ' +
        'catalog.rules: [{ allow: [MLModel, Dataset] }] (keep the kinds you already allow)',
    );
  });
});
