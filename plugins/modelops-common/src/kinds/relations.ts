/*
 * Lineage and stewardship relations of the MLModel and Dataset kinds. Each
 * relation is emitted in both directions by the catalog processor, so that
 * both ends of an edge can be queried without a second lookup.
 */

/** MLModel trainedOn Dataset. @public */
export const RELATION_TRAINED_ON = 'trainedOn';
/** Dataset trainingDataFor MLModel; reverse of {@link RELATION_TRAINED_ON}. @public */
export const RELATION_TRAINING_DATA_FOR = 'trainingDataFor';
/** MLModel evaluatedOn Dataset. @public */
export const RELATION_EVALUATED_ON = 'evaluatedOn';
/** Dataset evaluationDataFor MLModel; reverse of {@link RELATION_EVALUATED_ON}. @public */
export const RELATION_EVALUATION_DATA_FOR = 'evaluationDataFor';
/** MLModel derivedFrom base MLModel, or Dataset derivedFrom source Dataset. @public */
export const RELATION_DERIVED_FROM = 'derivedFrom';
/** Reverse of {@link RELATION_DERIVED_FROM}. @public */
export const RELATION_HAS_DERIVATIVE = 'hasDerivative';
/** Dataset stewardedBy User or Group. @public */
export const RELATION_STEWARDED_BY = 'stewardedBy';
/** Reverse of {@link RELATION_STEWARDED_BY}. @public */
export const RELATION_STEWARD_OF = 'stewardOf';
/** Dataset producedBy Component (the pipeline that writes it). @public */
export const RELATION_PRODUCED_BY = 'producedBy';
/** Reverse of {@link RELATION_PRODUCED_BY}. @public */
export const RELATION_PRODUCES = 'produces';
/**
 * MLModel servedBy a model server: a Component of type `model-server`, an
 * API of type `ai-model-server` or a Red Hat Developer Hub
 * `AiModelServerAPI`. @public
 */
export const RELATION_SERVED_BY = 'servedBy';
/** Reverse of {@link RELATION_SERVED_BY}. @public */
export const RELATION_SERVES = 'serves';

/**
 * Every relation the ModelOps kinds add to the catalog, for relation graphs
 * and filters that list known relations.
 *
 * @public
 */
export const MODELOPS_RELATIONS: string[] = [
  RELATION_TRAINED_ON,
  RELATION_TRAINING_DATA_FOR,
  RELATION_EVALUATED_ON,
  RELATION_EVALUATION_DATA_FOR,
  RELATION_DERIVED_FROM,
  RELATION_HAS_DERIVATIVE,
  RELATION_STEWARDED_BY,
  RELATION_STEWARD_OF,
  RELATION_PRODUCED_BY,
  RELATION_PRODUCES,
  RELATION_SERVED_BY,
  RELATION_SERVES,
];

/**
 * The ModelOps relations as [primary, reverse] pairs, in the shape the
 * catalog graph's `knownRelationPairs` expects, so that a graph draws one
 * edge per pair instead of two. The primary relation points the way data
 * and responsibility flow (dataset to model, base model to derivative,
 * steward to dataset), as the built-in pairs do with `ownerOf`.
 *
 * @public
 */
export const MODELOPS_RELATION_PAIRS: [string, string][] = [
  [RELATION_TRAINING_DATA_FOR, RELATION_TRAINED_ON],
  [RELATION_EVALUATION_DATA_FOR, RELATION_EVALUATED_ON],
  [RELATION_HAS_DERIVATIVE, RELATION_DERIVED_FROM],
  [RELATION_STEWARD_OF, RELATION_STEWARDED_BY],
  [RELATION_PRODUCES, RELATION_PRODUCED_BY],
  [RELATION_SERVES, RELATION_SERVED_BY],
];
