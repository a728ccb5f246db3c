export { MlHomePage } from './MlHomePage';
export type { MlHomePageProps } from './MlHomePage';
