import { modelopsPlugin } from './plugin';

describe('modelops', () => {
  it('should export plugin', () => {
    expect(modelopsPlugin).toBeDefined();
  });
});
