import {
  coreExtensionData,
  type ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import {
  changeApiRef,
  complianceApiRef,
  CompliancePage,
  observationApiRef,
  decisionApiRef,
  costApiRef,
  CostPage,
  deliveryApiRef,
  DatasetPickerFieldExtension,
  EntityChangeRequestsCard,
  EntityComplianceContent,
  EntityCostCard,
  EntityDatasheetContent,
  EntityDecisionHistoryContent,
  EntityDeliveryMetricsCard,
  EntityFeedbackCard,
  EntityModelCardContent,
  EntityModelOperationsCard,
  EntityReportProblemButton,
  EntityReviewCard,
  EntityScorecardCard,
  feedbackApiRef,
  MlHomePage,
  ModelCatalogPage,
  catalogGraphApiFactory,
  modelopsPlugin,
  modelOpsApiRef,
  reviewApiRef,
  ReviewsPage,
  RiskQuestionnaireFieldExtension,
  scorecardApiRef,
  ScorecardsPage,
} from './index';
import alphaPlugin, {
  catalogGraphModelOpsModule,
  changeRequestsEntityCard,
  costEntityCard,
  datasheetEntityContent,
  decisionHistoryEntityContent,
  deliveryMetricsEntityCard,
  feedbackEntityCard,
  modelCardEntityContent,
  modelOperationsEntityCard,
  reviewEntityCard,
  scorecardEntityCard,
  scorecardEntityContent,
  teamDecisionHistoryEntityCard,
} from './alpha';
import { fullDataset, fullModel } from './__testUtils__/fixtures';

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'serving' },
  spec: { type: 'service', owner: 'group:default/ml', lifecycle: 'production' },
};

describe('modelops plugin', () => {
  it('registers a client for every feature in the legacy plugin', () => {
    expect(modelopsPlugin.getId()).toBe('modelops');
    expect([...modelopsPlugin.getApis()].map(f => f.api.id).sort()).toEqual(
      [
        modelOpsApiRef,
        costApiRef,
        scorecardApiRef,
        reviewApiRef,
        feedbackApiRef,
        changeApiRef,
        deliveryApiRef,
        complianceApiRef,
        observationApiRef,
        decisionApiRef,
      ]
        .map(ref => ref.id)
        .sort(),
    );
    expect(Object.keys(modelopsPlugin.routes).sort()).toEqual([
      'compliance',
      'cost',
      'home',
      'reviews',
      'root',
      'scorecards',
    ]);
  });

  it('exports the legacy pages, cards and scaffolder fields', () => {
    for (const extension of [
      ModelCatalogPage,
      MlHomePage,
      ScorecardsPage,
      CostPage,
      ReviewsPage,
      CompliancePage,
      EntityModelCardContent,
      EntityComplianceContent,
      EntityDatasheetContent,
      EntityModelOperationsCard,
      EntityScorecardCard,
      EntityCostCard,
      EntityReviewCard,
      EntityFeedbackCard,
      EntityReportProblemButton,
      EntityChangeRequestsCard,
      EntityDeliveryMetricsCard,
      EntityDecisionHistoryContent,
      DatasetPickerFieldExtension,
      RiskQuestionnaireFieldExtension,
    ]) {
      expect(extension).toBeInstanceOf(Function);
    }
  });

  it('exports the new-system plugin with its APIs, pages, contents, cards and form fields', () => {
    expect(alphaPlugin.pluginId).toBe('modelops');
    const ids = [
      'api:modelops',
      'api:modelops/cost',
      'api:modelops/scorecards',
      'api:modelops/reviews',
      'api:modelops/feedback',
      'api:modelops/changes',
      'api:modelops/delivery',
      'api:modelops/compliance',
      'api:modelops/observations',
      'api:modelops/decisions',
      'page:modelops',
      'page:modelops/ml-home',
      'page:modelops/scorecards',
      'page:modelops/cost',
      'page:modelops/reviews',
      'page:modelops/compliance',
      'entity-content:modelops/model-card',
      'entity-content:modelops/datasheet',
      'entity-content:modelops/scorecard',
      'entity-content:modelops/compliance',
      'entity-content:modelops/decision-history',
      'entity-card:modelops/model-operations',
      'entity-card:modelops/scorecard',
      'entity-card:modelops/cost',
      'entity-card:modelops/review',
      'entity-card:modelops/feedback',
      'entity-card:modelops/change-requests',
      'entity-card:modelops/delivery-metrics',
      'entity-card:modelops/team-decision-history',
      'scaffolder-form-field:modelops/dataset-picker',
      'scaffolder-form-field:modelops/risk-questionnaire',
    ];
    for (const id of ids) {
      expect(alphaPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('shows the model card only on MLModel pages and the datasheet only on Dataset pages', () => {
    const modelCard = createExtensionTester(modelCardEntityContent);
    const modelFilter = modelCard.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    const datasheet = createExtensionTester(datasheetEntityContent);
    const datasetFilter = datasheet.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );

    expect(modelCard.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Model card',
    );
    expect(modelFilter?.(fullModel)).toBe(true);
    expect(modelFilter?.(fullDataset)).toBe(false);
    expect(datasetFilter?.(fullDataset)).toBe(true);
    expect(datasetFilter?.(fullModel)).toBe(false);
  });

  const cards: Array<[string, boolean, boolean, ExtensionDefinition]> = [
    ['scorecard', true, true, scorecardEntityCard],
    ['cost', true, true, costEntityCard],
    ['review', true, true, reviewEntityCard],
    ['operations', true, false, modelOperationsEntityCard],
    ['feedback', true, false, feedbackEntityCard],
    ['change requests', true, false, changeRequestsEntityCard],
    ['delivery metrics', true, false, deliveryMetricsEntityCard],
  ];

  it.each(cards)(
    'shows the %s card on models: %s, on datasets: %s, never on components',
    (_name, onModels, onDatasets, card) => {
      // Each card's definition has its own type; they share this output.
      const filter = createExtensionTester(card).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ) as ((entity: Entity) => boolean) | undefined;
      expect(filter?.(fullModel)).toBe(onModels);
      expect(filter?.(fullDataset)).toBe(onDatasets);
      expect(filter?.(component)).toBe(false);
    },
  );

  it('adds a Scorecard tab to models and datasets', () => {
    const tester = createExtensionTester(scorecardEntityContent);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(tester.get(coreExtensionData.routePath)).toBe('/scorecard');
    expect(filter?.(fullModel)).toBe(true);
    expect(filter?.(fullDataset)).toBe(true);
    expect(filter?.(component)).toBe(false);
  });

  it('adds a Decision history tab to models and datasets and a card to team pages', () => {
    const tab = createExtensionTester(decisionHistoryEntityContent);
    const onEntities = tab.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(tab.get(coreExtensionData.routePath)).toBe('/decisions');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Decision history',
    );
    expect(onEntities?.(fullModel)).toBe(true);
    expect(onEntities?.(fullDataset)).toBe(true);
    expect(onEntities?.(component)).toBe(false);
    const onTeams = createExtensionTester(teamDecisionHistoryEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as ((entity: Entity) => boolean) | undefined;
    const team: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'ml' },
      spec: { type: 'team', children: [] },
    };
    expect(onTeams?.(team)).toBe(true);
    expect(onTeams?.(fullModel)).toBe(false);
  });

  it('teaches the catalog graph the ModelOps relations next to the built-in ones', () => {
    expect(catalogGraphModelOpsModule.$$type).toBe('@backstage/FrontendModule');
    expect(catalogGraphApiFactory.api.id).toBe(catalogGraphApiRef.id);
    const api = catalogGraphApiFactory.factory({});
    for (const relation of [
      'ownedBy',
      'trainedOn',
      'trainingDataFor',
      'evaluatedOn',
      'derivedFrom',
      'stewardedBy',
      'producedBy',
    ]) {
      expect(api.knownRelations).toContain(relation);
      expect(api.defaultRelations).toContain(relation);
    }
    expect(api.knownRelationPairs).toContainEqual(['ownerOf', 'ownedBy']);
    expect(api.knownRelationPairs).toContainEqual([
      'trainingDataFor',
      'trainedOn',
    ]);
    expect(api.knownRelationPairs).toContainEqual(['produces', 'producedBy']);
  });
});
