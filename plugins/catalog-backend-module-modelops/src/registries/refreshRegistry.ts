/*
 * refreshRegistry: the full refresh every registry provider (MLflow,
 * Kubeflow Model Registry, Hugging Face Hub) makes, so that they keep one
 * rule: the registry is read to the end before anything changes, and a read
 * that fails applies no mutation, so the catalog keeps the models of the
 * last good refresh. Afterwards the import notes are logged once per change
 * and published to the ModelOps backend; a backend that cannot take them
 * does not undo the refresh.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SourceObjectReport } from '@modelops/plugin-modelops-common';
import {
  validateModelOpsEntity,
  type MLModelEntity,
} from '@modelops/plugin-modelops-common';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { ImportNotesLog } from '../importNotes/ImportNotesLog';
import {
  publishReports,
  type ObservationsPublisher,
} from '../importNotes/ObservationsPublisher';

/**
 * Outcome of one refresh of a registry provider, for logs and tests.
 *
 * @public
 */
export interface RegistryRefreshResult {
  /** False when the registry could not be read and no mutation was applied. */
  applied: boolean;
  entities: number;
  /** Entities that fail validation; they enter the catalog with a processing error. */
  invalid: number;
  /** Source objects with at least one import note. */
  withNotes: number;
}

/** What one read of a registry turned into. */
export interface RegistrySnapshot {
  entities: MLModelEntity[];
  reports: SourceObjectReport[];
}

/** Reads a registry to the end and replaces the provider's entities. */
export async function refreshRegistry<S extends RegistrySnapshot>(options: {
  providerName: string;
  connection: EntityProviderConnection | undefined;
  /** The registry in words, for the log: "the MLflow registry at …". */
  registry: string;
  /** The models in words, for the log: "MLflow models". */
  models: string;
  logger: LoggerService;
  notesLog: ImportNotesLog;
  publisher?: ObservationsPublisher;
  read(): Promise<S>;
  /** What the provider keeps of an applied snapshot. */
  onApplied?(snapshot: S): void;
}): Promise<RegistryRefreshResult> {
  const { providerName, connection, logger } = options;
  if (!connection) throw new Error(`${providerName} is not connected`);
  let snapshot: S;
  try {
    snapshot = await options.read();
  } catch (error) {
    logger.error(
      `Could not read ${
        options.registry
      }; the catalog keeps the models of the last successful refresh. ${
        (error as Error).message
      }`,
    );
    return { applied: false, entities: 0, invalid: 0, withNotes: 0 };
  }
  const { entities, reports } = snapshot;
  await connection.applyMutation({
    type: 'full',
    entities: entities.map(entity => ({ entity, locationKey: providerName })),
  });
  options.onApplied?.(snapshot);
  options.notesLog.logChanges(reports);
  await publishReports(options.publisher, providerName, reports, logger);
  const invalid = entities.filter(
    entity => validateModelOpsEntity(entity).length > 0,
  ).length;
  const withNotes = reports.filter(report => report.notes.length > 0).length;
  logger.info(
    `Applied ${entities.length} ${options.models} (${invalid} invalid, ${withNotes} with import notes)`,
  );
  return { applied: true, entities: entities.length, invalid, withNotes };
}
