export { observationApiRef } from './observationApiRef';
export { EntityImportNotesCard } from './EntityImportNotesCard';
