export * from './types';
export * from './evaluateRule';
export * from './checkDefinitionSchema';
export * from './checkApplies';
export * from './scoreEntity';
export * from './passRate';
