export * from './types';
export { modelOpsApiRef } from './modelOpsApiRef';
export { modelOpsApiFactory } from './modelOpsApiFactory';
export { ModelOpsEvidenceClient } from './ModelOpsEvidenceClient';
