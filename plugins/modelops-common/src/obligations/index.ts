export * from './types';
export * from './obligations';
export * from './obligationApplicability';
