import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityDatasheetContent,
  EntityModelCardContent,
  EntityModelOperationsCard,
  ModelCatalogPage,
  modelopsPlugin,
  modelOpsApiRef,
} from './index';
import alphaPlugin, {
  datasheetEntityContent,
  modelCardEntityContent,
  modelOperationsEntityCard,
} from './alpha';
import { EntityContentBlueprint, EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { fullDataset, fullModel } from './__testUtils__/fixtures';

describe('modelops plugin', () => {
  it('exports the legacy plugin, its API factory and extensions', () => {
    expect(modelopsPlugin.getId()).toBe('modelops');
    expect([...modelopsPlugin.getApis()].map(f => f.api.id)).toEqual([modelOpsApiRef.id]);
    for (const extension of [ModelCatalogPage, EntityModelCardContent, EntityDatasheetContent, EntityModelOperationsCard]) {
      expect(extension).toBeInstanceOf(Function);
    }
  });

  it('exports the new-system plugin with its page, contents and card', () => {
    expect(alphaPlugin.pluginId).toBe('modelops');
    const ids = ['api:modelops', 'page:modelops', 'entity-content:modelops/model-card', 'entity-content:modelops/datasheet', 'entity-card:modelops/model-operations'];
    for (const id of ids) {
      expect(alphaPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('shows the model card only on MLModel pages and the datasheet only on Dataset pages', () => {
    const modelCard = createExtensionTester(modelCardEntityContent);
    const modelFilter = modelCard.get(EntityContentBlueprint.dataRefs.filterFunction);
    const datasheet = createExtensionTester(datasheetEntityContent);
    const datasetFilter = datasheet.get(EntityContentBlueprint.dataRefs.filterFunction);
    const operations = createExtensionTester(modelOperationsEntityCard);
    const cardFilter = operations.get(EntityCardBlueprint.dataRefs.filterFunction);

    expect(modelCard.get(EntityContentBlueprint.dataRefs.title)).toBe('Model card');
    expect(modelFilter?.(fullModel)).toBe(true);
    expect(modelFilter?.(fullDataset)).toBe(false);
    expect(datasetFilter?.(fullDataset)).toBe(true);
    expect(datasetFilter?.(fullModel)).toBe(false);
    expect(cardFilter?.(fullModel)).toBe(true);
    expect(cardFilter?.(fullDataset)).toBe(false);
  });
});
