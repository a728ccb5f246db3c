export { modelOpsApiRef } from './modelOpsApiRef';
export { modelOpsApiFactory } from './modelOpsApiFactory';
