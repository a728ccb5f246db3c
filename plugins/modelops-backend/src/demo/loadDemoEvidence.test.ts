import {
  createMockDirectory,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { DatabaseEvidenceStore } from '../evidence/DatabaseEvidenceStore';
import { initTestDatabase } from '../service/__testUtils__';
import { loadDemoEvidence } from './loadDemoEvidence';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const evaluation = {
  idempotencyKey: 'eval-1',
  modelRef: 'mlmodel:default/churn',
  modelVersion: '1',
  evaluatedAt: '2026-11-01T00:00:00Z',
  metrics: [{ name: 'auc', value: 0.9 }],
};
const snapshot = {
  modelRef: 'mlmodel:default/churn',
  modelVersion: '1',
  windowStart: '2026-11-01T00:00:00Z',
  windowEnd: '2026-11-02T00:00:00Z',
  drift: [{ feature: '__output__', test: 'psi', statistic: 0.1 }],
};

describe('loadDemoEvidence', () => {
  const mockDir = createMockDirectory();

  async function setup(directory: string | undefined) {
    const knex = await initTestDatabase(databases, 'SQLITE_3');
    const store = DatabaseEvidenceStore.create({ knex });
    const logger = mockServices.logger.mock();
    const config = mockServices.rootConfig({
      data: directory
        ? { modelops: { demoData: { evidenceDirectory: directory } } }
        : {},
    });
    return { store, logger, config };
  }

  it('does nothing without the config key', async () => {
    const { store, logger, config } = await setup(undefined);
    expect(await loadDemoEvidence({ store, logger, config })).toBeUndefined();
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('loads both files relative to the working directory, once', async () => {
    mockDir.setContent({
      'backend/.keep': '',
      'evidence/evaluations.json': JSON.stringify([
        evaluation,
        { ...evaluation, idempotencyKey: 'bad', metrics: [] },
      ]),
      'evidence/monitoring.json': JSON.stringify({ items: [snapshot] }),
    });
    const { store, logger, config } = await setup('../evidence');
    const workingDirectory = resolve(mockDir.path, 'backend');

    const first = await loadDemoEvidence({
      store,
      logger,
      config,
      workingDirectory,
    });
    expect(first).toEqual({
      directory: resolve(mockDir.path, 'evidence'),
      evaluations: { created: 1, unchanged: 0, rejected: 1 },
      snapshots: { created: 1, unchanged: 0, rejected: 0 },
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'entry 1: metrics: must hold at least one metric',
      ),
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('1 evaluation reports loaded'),
    );

    const second = await loadDemoEvidence({
      store,
      logger,
      config,
      workingDirectory,
    });
    expect(second?.evaluations).toEqual({
      created: 0,
      unchanged: 1,
      rejected: 1,
    });
    expect(second?.snapshots).toEqual({
      created: 0,
      unchanged: 1,
      rejected: 0,
    });
    const snapshots = await store.listMonitoringSnapshots({
      modelRef: 'mlmodel:default/churn',
      limit: 10,
    });
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0].idempotencyKey).toMatch(/^demo-[0-9a-f]{64}$/);
  });

  it('warns about a missing file and loads the other', async () => {
    mockDir.setContent({
      'evaluations.json': JSON.stringify([evaluation]),
    });
    const { store, logger, config } = await setup(mockDir.path);
    const result = await loadDemoEvidence({ store, logger, config });
    expect(result?.evaluations.created).toBe(1);
    expect(result?.snapshots).toEqual({
      created: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('monitoring.json could not be read'),
    );
  });

  it('loads the shipped example evidence without rejections', async () => {
    const { store, logger, config } = await setup('../../examples/evidence');
    const result = await loadDemoEvidence({
      store,
      logger,
      config,
      workingDirectory: resolve(__dirname, '../../../../packages/backend'),
    });
    expect(result?.evaluations.rejected).toBe(0);
    expect(result?.snapshots.rejected).toBe(0);
    expect(result?.evaluations.created).toBeGreaterThan(0);
    expect(result?.snapshots.created).toBeGreaterThan(0);
  });
});
