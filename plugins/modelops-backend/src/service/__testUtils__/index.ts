export * from './createTestRouter';
export * from './initTestDatabase';
export * from './testEntities';
