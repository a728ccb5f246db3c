export * from './createTestRouter';
export * from './initTestDatabase';
