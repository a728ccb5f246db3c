/*
 * loadDemoEvidence: at startup, loads evaluations.json and monitoring.json
 * from the folder named by `modelops.demoData.evidenceDirectory` through the
 * evidence store, so that a demo portal shows charts and evidence checks
 * before any pipeline has posted. Entries are validated with the same schemas
 * as the API and stored idempotently (entries without an idempotency key get
 * one derived from their content), so restarts change nothing.
 *
 * The catalog is not consulted: at startup it may not have ingested the demo
 * models yet, and the files come from the installation itself.
 */
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  evaluationReportInputSchema,
  monitoringSnapshotInputSchema,
} from '@modelops/plugin-modelops-common';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { EvidenceStore, StoredEvidence } from '../evidence/types';
import { payloadFingerprint } from '../service/payloadFingerprint';
import { zodIssuesToInputError } from '../service/zodIssuesToInputError';

/** Config key naming the folder with the demo evidence files. */
export const DEMO_EVIDENCE_CONFIG_KEY = 'modelops.demoData.evidenceDirectory';

/** How many entries of one file were stored, found unchanged or rejected. */
export interface DemoFileResult {
  created: number;
  unchanged: number;
  rejected: number;
}

/** Outcome of {@link loadDemoEvidence}. */
export interface DemoEvidenceResult {
  directory: string;
  evaluations: DemoFileResult;
  snapshots: DemoFileResult;
}

/** Options of {@link loadDemoEvidence}. */
export interface LoadDemoEvidenceOptions {
  config: RootConfigService;
  logger: LoggerService;
  store: EvidenceStore;
  /** Base of a relative directory; the backend's working directory by default. */
  workingDirectory?: string;
}

/** The entries of a demo file: a bare array or `{ items }`; none when unreadable. */
export async function readDemoEntries(
  path: string,
  logger: LoggerService,
): Promise<unknown[]> {
  let parsed: any;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    logger.warn(`Demo evidence file ${path} could not be read: ${error}`);
    return [];
  }
  // A bare array, or the `{ items }` shape the list routes answer with.
  const entries = Array.isArray(parsed) ? parsed : parsed?.items;
  if (!Array.isArray(entries)) {
    logger.warn(`Demo evidence file ${path} holds no array of entries`);
    return [];
  }
  return entries;
}

async function loadFile<T extends { idempotencyKey?: string }>(
  path: string,
  schema: z.ZodType<T>,
  add: (input: T) => Promise<StoredEvidence<unknown>>,
  logger: LoggerService,
): Promise<DemoFileResult> {
  const result: DemoFileResult = { created: 0, unchanged: 0, rejected: 0 };
  const entries = await readDemoEntries(path, logger);
  for (const [index, entry] of entries.entries()) {
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      const error = zodIssuesToInputError(parsed.error, `entry ${index}`);
      logger.warn(`Skipped demo evidence in ${path}: ${error.message}`);
      result.rejected += 1;
      continue;
    }
    const input = parsed.data;
    const keyed = input.idempotencyKey
      ? input
      : { ...input, idempotencyKey: `demo-${payloadFingerprint(input)}` };
    try {
      const { created } = await add(keyed);
      result[created ? 'created' : 'unchanged'] += 1;
    } catch (error) {
      // A demo file edited under an existing key: keep what is stored.
      if (isError(error) && error.name === 'ConflictError') {
        logger.warn(
          `Skipped demo evidence entry ${index} of ${path}: ${error.message}`,
        );
        result.rejected += 1;
        continue;
      }
      throw error;
    }
  }
  return result;
}

/**
 * Loads the demo evidence files when the config names a directory.
 *
 * @returns the counts, or undefined when no directory is configured
 */
export async function loadDemoEvidence(
  options: LoadDemoEvidenceOptions,
): Promise<DemoEvidenceResult | undefined> {
  const configured = options.config.getOptionalString(DEMO_EVIDENCE_CONFIG_KEY);
  if (!configured) {
    return undefined;
  }
  const { logger, store } = options;
  const directory = resolve(
    options.workingDirectory ?? process.cwd(),
    configured,
  );
  const evaluations = await loadFile(
    resolve(directory, 'evaluations.json'),
    evaluationReportInputSchema,
    input => store.addEvaluation(input),
    logger,
  );
  const snapshots = await loadFile(
    resolve(directory, 'monitoring.json'),
    monitoringSnapshotInputSchema,
    input => store.addMonitoringSnapshot(input),
    logger,
  );
  logger.info(
    `Demo evidence from ${directory}: ` +
      `${evaluations.created} evaluation reports loaded ` +
      `(${evaluations.unchanged} already present, ${evaluations.rejected} rejected), ` +
      `${snapshots.created} monitoring snapshots loaded ` +
      `(${snapshots.unchanged} already present, ${snapshots.rejected} rejected)`,
  );
  return { directory, evaluations, snapshots };
}
