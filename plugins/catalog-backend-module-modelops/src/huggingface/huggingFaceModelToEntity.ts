import { createHash } from 'crypto';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  makeValidator,
} from '@backstage/catalog-model';
import {
  ANNOTATION_HUGGINGFACE_LANGUAGES,
  ANNOTATION_HUGGINGFACE_LAST_MODIFIED,
  ANNOTATION_HUGGINGFACE_MODEL,
  ANNOTATION_HUGGINGFACE_RESULTS,
  ANNOTATION_HUGGINGFACE_REVISION,
  ANNOTATION_HUGGINGFACE_TASK,
  ANNOTATION_IMPORT_SOURCE,
  HuggingFaceCardImport,
  hubIdToEntityName,
  ImportNote,
  MLModelEntity,
  MLModelSpec,
  MODELOPS_API_VERSION,
  validateModelOpsEntity,
} from '@modelops/plugin-modelops-common';
import { HubModel } from './huggingFaceResponses';
import { HuggingFaceEntityDefaults } from './types';

/** The facts of one Hub model the mapping reads. */
export interface HuggingFaceModelInput {
  providerName: string;
  baseUrl: string;
  model: HubModel;
  /** The model's card, imported from its README or its cardData. */
  card: HuggingFaceCardImport;
  defaults: HuggingFaceEntityDefaults;
}

/** A Hub model as an entity, with what could not be mapped. */
export interface HuggingFaceMapping {
  entity: MLModelEntity;
  notes: ImportNote[];
}

// Larger results would make every entity read heavy; they stay on the Hub.
const MAX_RESULTS_JSON = 32_000;

const { isValidEntityName } = makeValidator();

/**
 * The entity name of a Hub id: `owner/name` becomes `owner--name`; a name
 * the catalog refuses (longer than 63 characters, other characters) is
 * shortened and made unique with a hash of the id.
 */
export function hubEntityName(id: string): string {
  const name = hubIdToEntityName(id);
  if (isValidEntityName(name)) return name;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 54)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return cleaned ? `${cleaned}-${hash}` : `model-${hash}`;
}

/**
 * Maps one Hub model to an MLModel entity. The card gives the spec (its
 * `modelops` block when it has one, else the Hub's keys and sections); the
 * model info fills what the card leaves open (task, library) and the Hub's
 * bookkeeping (revision, last change) goes to annotations. Values are
 * copied as written, so that a wrong one shows up as a processing error on
 * the entity instead of disappearing.
 */
export function huggingFaceModelToEntity(
  input: HuggingFaceModelInput,
): HuggingFaceMapping {
  const { model, card, defaults, providerName, baseUrl } = input;
  const notes: ImportNote[] = [...card.notes];
  const modelUrl = `${baseUrl}/${model.id}`;
  const task = card.task ?? model.pipeline_tag;

  const spec: Record<string, unknown> = { ...card.spec };
  spec.lifecycle ??= defaults.lifecycle ?? 'experimental';
  if (spec.owner === undefined && defaults.owner) spec.owner = defaults.owner;
  if (spec.system === undefined && defaults.system) {
    spec.system = defaults.system;
  }
  if (spec.framework === undefined && model.library_name) {
    spec.framework = model.library_name;
  }
  spec.registry ??= { type: 'huggingface', name: model.id };

  const name = hubEntityName(model.id);
  if (name !== hubIdToEntityName(model.id)) {
    notes.push({
      field: 'id',
      value: model.id,
      reason: `${hubIdToEntityName(
        model.id,
      )} is not a valid entity name (at most 63 letters, digits, -, _ and .); named ${name}`,
    });
  }
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: `url:${modelUrl}`,
    [ANNOTATION_ORIGIN_LOCATION]: `url:${modelUrl}`,
    [ANNOTATION_HUGGINGFACE_MODEL]: model.id,
    [ANNOTATION_IMPORT_SOURCE]: providerName,
  };
  if (task) annotations[ANNOTATION_HUGGINGFACE_TASK] = task;
  if (card.languages?.length) {
    annotations[ANNOTATION_HUGGINGFACE_LANGUAGES] = card.languages.join(',');
  }
  if (model.sha) annotations[ANNOTATION_HUGGINGFACE_REVISION] = model.sha;
  if (model.lastModified) {
    annotations[ANNOTATION_HUGGINGFACE_LAST_MODIFIED] = model.lastModified;
  }
  if (card.results.length) {
    const json = JSON.stringify(card.results);
    if (json.length <= MAX_RESULTS_JSON) {
      annotations[ANNOTATION_HUGGINGFACE_RESULTS] = json;
    } else {
      notes.push({
        field: 'model-index',
        value: `${card.results.length} results`,
        reason: `the results take ${json.length} characters as JSON, more than the ${MAX_RESULTS_JSON} an entity keeps; read them on the Hub`,
      });
    }
  }

  const entity: MLModelEntity = {
    apiVersion: MODELOPS_API_VERSION,
    kind: 'MLModel',
    metadata: {
      ...card.metadata,
      name,
      title: card.metadata.title ?? model.id,
      annotations,
      links: [
        ...(card.metadata.links ?? []),
        { url: modelUrl, title: 'Hugging Face Hub', type: 'model-card' },
      ],
    },
    spec: spec as MLModelSpec,
  };
  // The namespace is the catalog's choice for imported models.
  delete entity.metadata.namespace;
  for (const problem of validateModelOpsEntity(entity)) {
    if (problem.path === 'spec.owner' && entity.spec.owner === undefined) {
      notes.push({
        field: 'modelops.spec.owner',
        reason:
          'no owner: the card has no modelops block naming one and no defaults.owner is configured, so spec.owner is missing and the catalog shows a processing error',
      });
      continue;
    }
    notes.push({
      field: problem.path,
      reason: `${problem.path}: ${problem.rule}`,
    });
  }
  return { entity, notes };
}
