import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import GradingIcon from '@mui/icons-material/Grading';
import PaymentsIcon from '@mui/icons-material/Payments';
import HomeIcon from '@mui/icons-material/Home';
import GavelIcon from '@mui/icons-material/Gavel';
import {
  complianceRouteRef,
  costRouteRef,
  mlHomeRouteRef,
  reviewsRouteRef,
  rootRouteRef,
  scorecardsRouteRef,
} from '../routes';

/** The model catalog route in the new frontend system. @alpha */
export const modelCatalogRouteRef = convertLegacyRouteRef(rootRouteRef);

/*
 * Every ModelOps page draws its own header (as it does in the legacy
 * system), so the pages ask the app for none; the title and icon make the
 * page's nav item.
 */

/**
 * The model catalog page; its title and icon make the "ML models" nav item.
 *
 * @alpha
 */
export const modelCatalogPage = PageBlueprint.make({
  params: {
    path: '/ml-models',
    routeRef: modelCatalogRouteRef,
    title: 'ML models',
    icon: <ModelTrainingIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('../components/ModelCatalogPage/ModelCatalogPage').then(m => (
        <m.ModelCatalogPage />
      )),
  },
});

/**
 * The scorecards section (scorecards, campaigns and waiver approvals as
 * tabs); the "Scorecards" nav item.
 *
 * @alpha
 */
export const scorecardsPage = PageBlueprint.make({
  name: 'scorecards',
  params: {
    path: '/scorecards',
    routeRef: convertLegacyRouteRef(scorecardsRouteRef),
    title: 'Scorecards',
    icon: <GradingIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('../components/sections/ScorecardsSectionPage').then(m => (
        <m.ScorecardsSectionPage />
      )),
  },
});

/**
 * The cost page; the "Model cost" nav item.
 *
 * @alpha
 */
export const costPage = PageBlueprint.make({
  name: 'cost',
  params: {
    path: '/ml-cost',
    routeRef: convertLegacyRouteRef(costRouteRef),
    title: 'Model cost',
    icon: <PaymentsIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('../components/cost/CostPage').then(m => <m.CostPage />),
  },
});

/**
 * The ownership review section (my team, progress by team and portfolio as
 * tabs); the "Reviews" nav item.
 *
 * @alpha
 */
export const reviewsPage = PageBlueprint.make({
  name: 'reviews',
  params: {
    path: '/ml-reviews',
    routeRef: convertLegacyRouteRef(reviewsRouteRef),
    title: 'Reviews',
    icon: <FactCheckIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('../components/sections/ReviewsSectionPage').then(m => (
        <m.ReviewsSectionPage />
      )),
  },
});

/**
 * The portfolio compliance page; the "Compliance" nav item.
 *
 * @alpha
 */
export const compliancePage = PageBlueprint.make({
  name: 'compliance',
  params: {
    path: '/ml-compliance',
    routeRef: convertLegacyRouteRef(complianceRouteRef),
    title: 'Compliance',
    icon: <GavelIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('../components/compliance/CompliancePage').then(m => (
        <m.CompliancePage />
      )),
  },
});

/**
 * The ML home page; the "ML home" nav item. An app makes it its home page by
 * setting this extension's `path` config to `/`.
 *
 * @alpha
 */
export const mlHomePage = PageBlueprint.make({
  name: 'ml-home',
  params: {
    path: '/ml-home',
    routeRef: convertLegacyRouteRef(mlHomeRouteRef),
    title: 'ML home',
    icon: <HomeIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('../components/home/MlHomePage').then(m => <m.MlHomePage />),
  },
});
