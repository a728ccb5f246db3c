export { modelopsPlugin as default } from './plugin';
