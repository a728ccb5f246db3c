export { createObservationsRouter } from './createObservationsRouter';
export { DatabaseObservationStore } from './DatabaseObservationStore';
export { ObservationFactProvider } from './ObservationFactProvider';
export type { ObservationStore } from './types';
