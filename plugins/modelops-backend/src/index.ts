export { modelopsPlugin as default } from './plugin';
export { shippedChecks } from './scorecards/packs/shippedChecks';
