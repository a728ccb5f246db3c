import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import {
  isDatasetEntity,
  isMLModelEntity,
} from '@modelops/plugin-modelops-common';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ModelOpsEntityProcessor } from './processor/ModelOpsEntityProcessor';

// The demo portfolio in examples/ is what a new adopter sees first, so it is
// held to the same bar as any catalog: every MLModel and Dataset passes the
// processor, and every relation it emits points at an entity that exists,
// except the one orphan owner the portfolio keeps on purpose.
const examplesDir = resolve(__dirname, '../../../examples');
const DELIBERATELY_MISSING = new Set(['group:default/search-relevance']);

function loadPortfolio(): Entity[] {
  const index = parseAllDocuments(
    readFileSync(resolve(examplesDir, 'all.yaml'), 'utf8'),
  )[0].toJSON() as Entity;
  const targets = (index.spec?.targets as string[]).map(target =>
    resolve(dirname(resolve(examplesDir, 'all.yaml')), target),
  );
  return targets.flatMap(file =>
    parseAllDocuments(readFileSync(file, 'utf8')).map(
      doc => doc.toJSON() as Entity,
    ),
  );
}

describe('the demo portfolio in examples/', () => {
  const entities = loadPortfolio();
  const known = new Set(entities.map(e => stringifyEntityRef(e)));
  const processor = ModelOpsEntityProcessor.create();
  const location = { type: 'file', target: 'examples/all.yaml' };

  it('has the models and datasets the demo promises', () => {
    expect(entities.filter(isMLModelEntity).length).toBeGreaterThanOrEqual(25);
    expect(entities.filter(isDatasetEntity).length).toBeGreaterThanOrEqual(15);
  });

  it('passes validation and resolves every relation target', async () => {
    const dangling: string[] = [];
    for (const entity of entities.filter(
      e => isMLModelEntity(e) || isDatasetEntity(e),
    )) {
      await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
      const emitted: CatalogProcessorResult[] = [];
      await processor.postProcessEntity(entity, location, r => emitted.push(r));
      for (const result of emitted) {
        expect(result.type).toBe('relation');
        if (result.type !== 'relation') continue;
        const target = stringifyEntityRef(result.relation.target);
        if (!known.has(target) && !DELIBERATELY_MISSING.has(target)) {
          dangling.push(`${stringifyEntityRef(entity)} -> ${target}`);
        }
      }
    }
    expect(dangling).toEqual([]);
  });
});
