export * from './createTestRouter';
export * from './initTestDatabase';
export * from './routerTestSetup';
export * from './testEntities';
export * from './restrictedCatalog';
