import type { ModelopsCheck } from '@modelops/plugin-modelops-node';
import { ruleCheck } from '@modelops/plugin-modelops-node';
import { costPack } from './costPack';
import { dataGovernancePack } from './dataGovernancePack';
import { documentationPack } from './documentationPack';
import {
  ownershipPack,
  recentReviewCheck,
  referencesResolveCheck,
  retiredWithoutDependentsCheck,
} from './ownershipPack';
import {
  metricsMetCheck,
  monitoringChecks,
  productionReadinessPack,
} from './productionReadinessPack';
import {
  fairnessMetCheck,
  responsibleAiPack,
  riskAssessedCheck,
  seriousIncidentsReportedCheck,
} from './responsibleAiPack';

/**
 * Every check that ships with ModelOps, in pack order: what the scorecards
 * evaluate unless configuration disables a check. Exported so that tools
 * and tests can judge an entity exactly as the portal will.
 *
 * @public
 */
export function shippedChecks(): ModelopsCheck[] {
  return [
    ...productionReadinessPack.map(ruleCheck),
    metricsMetCheck,
    ...monitoringChecks,
    ...responsibleAiPack.map(ruleCheck),
    fairnessMetCheck,
    seriousIncidentsReportedCheck,
    riskAssessedCheck,
    ...dataGovernancePack.map(ruleCheck),
    ...documentationPack.map(ruleCheck),
    ...ownershipPack.map(ruleCheck),
    recentReviewCheck,
    referencesResolveCheck,
    retiredWithoutDependentsCheck,
    ...costPack.map(ruleCheck),
  ];
}
