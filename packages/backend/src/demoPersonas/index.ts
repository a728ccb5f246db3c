export { authModuleDemoPersonaProvider } from './authModuleDemoPersonaProvider';
