import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KSERVE_INFERENCE_SERVICE,
  type ServingObservation,
  type StoredSourceObjectReport,
} from '@modelops/plugin-modelops-common';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import type { ObservationStore } from './types';

/** The source objects a model names as serving it. */
export function namedServingObjects(entity: Entity): string[] {
  const value =
    entity.metadata.annotations?.[ANNOTATION_KSERVE_INFERENCE_SERVICE];
  return value
    ? value
        .split(',')
        .map(v => v.trim())
        .filter(Boolean)
    : [];
}

/** What a rule reads of the InferenceService that serves a model. */
function servingFacts(serving: ServingObservation, count: number) {
  const min = serving.minReplicas ?? 1;
  return {
    // The words a failing check shows: which object on which cluster.
    source: `InferenceService ${serving.namespace}/${serving.name} on cluster ${serving.cluster}`,
    servingObjects: count,
    runtime: serving.runtime,
    modelFormat: serving.modelFormat,
    canaryTrafficPercent: serving.canaryTrafficPercent,
    minReplicas: serving.minReplicas,
    maxReplicas: serving.maxReplicas,
    scaleTarget: serving.scaleTarget,
    scaleMetric: serving.scaleMetric,
    // Scales when it may run more replicas than its floor; a maxReplicas
    // of 0 or none leaves the bound to the cluster's defaults, which we
    // cannot see, so it does not count.
    autoscales: serving.maxReplicas !== undefined && serving.maxReplicas > min,
    url: serving.url,
    ready: serving.ready,
  };
}

/** The ready object first, then by source and name, so one model reads one. */
function preferred(reports: StoredSourceObjectReport[]) {
  return reports
    .filter(r => r.serving)
    .sort(
      (a, b) => Number(b.serving!.ready ?? 0) - Number(a.serving!.ready ?? 0),
    );
}

/**
 * `observed.serving.*`: what a cluster shows of the InferenceService that
 * serves a model (canary traffic, replica bounds, format, readiness), read
 * from the observations the KServe provider records; and
 * `observed.importNotes`, the number of import notes about the model.
 * Checks read these in preference to what the model's YAML declares.
 */
export class ObservationFactProvider implements ModelopsFactProvider {
  readonly id = 'observed';

  private constructor(private readonly store: ObservationStore) {}

  static create(options: { store: ObservationStore }): ObservationFactProvider {
    return new ObservationFactProvider(options.store);
  }

  async getFacts(entities: Entity[], context: { now: Date }) {
    // Stored refs are lower case (the API normalises them); the engine
    // reads facts under the catalog's spelling.
    const catalogRef = new Map<string, string>();
    const models = entities.map(entity => {
      const ref = stringifyEntityRef(entity);
      const entityRef = ref.toLocaleLowerCase('en-US');
      catalogRef.set(entityRef, ref);
      return { entityRef, sourceObjects: namedServingObjects(entity) };
    });
    const reports = await this.store.listForEntities(models);
    const out = new Map<string, Record<string, unknown>>();
    // A report holds since `observedAt`; before that the source's earlier
    // word was replaced, so a past day (a history backfill) knows none.
    const asOf = context.now.toISOString();
    for (const [entityRef, all] of reports) {
      const list = all.filter(r => r.observedAt <= asOf);
      if (list.length === 0) continue;
      const serving = preferred(list);
      out.set(catalogRef.get(entityRef) ?? entityRef, {
        importNotes: list.reduce((n, r) => n + r.notes.length, 0),
        ...(serving.length > 0
          ? { serving: servingFacts(serving[0].serving!, serving.length) }
          : {}),
      });
    }
    return out;
  }

  async changedSince(since: Date) {
    return this.store.entityRefsChangedSince(since.toISOString());
  }
}
