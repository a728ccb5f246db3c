import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef, Entity } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import { modelOpsApiRef } from '../api/modelOpsApiRef';
import {
  EVIDENCE_LIST_LIMITS,
  EvaluationReport,
  MonitoringSnapshot,
} from '@modelops/plugin-modelops-common';

/** The evidence of one model as loaded for its pages. */
export type ModelEvidence = {
  loading: boolean;
  error?: Error;
  evaluations: EvaluationReport[];
  snapshots: MonitoringSnapshot[];
};

/**
 * Loads the evaluations and monitoring snapshots of a model in parallel. The
 * model card stays useful without evidence, so a failure is returned for the
 * page to show next to the entity's own content rather than thrown.
 */
export function useModelEvidence(entity: Entity): ModelEvidence {
  const api = useApi(modelOpsApiRef);
  const modelRef = stringifyEntityRef(entity);
  const state = useAsync(async () => {
    const [evaluations, snapshots] = await Promise.all([
      // The charts show a model's whole history: ask for the largest page.
      api.getEvaluations({ modelRef, limit: EVIDENCE_LIST_LIMITS.max }),
      api.getMonitoringSnapshots({ modelRef, limit: EVIDENCE_LIST_LIMITS.max }),
    ]);
    return { evaluations, snapshots };
  }, [api, modelRef]);
  return {
    loading: state.loading,
    error: state.error,
    evaluations: state.value?.evaluations ?? [],
    snapshots: state.value?.snapshots ?? [],
  };
}
