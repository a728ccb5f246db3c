export { observationApiRef } from '../../api/observationApiRef';
export { EntityImportNotesCard } from './EntityImportNotesCard';
