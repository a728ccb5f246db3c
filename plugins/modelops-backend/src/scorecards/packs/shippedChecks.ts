import type { ModelopsCheck } from '@modelops/plugin-modelops-node';
import { ruleCheck } from '@modelops/plugin-modelops-node';
import { costPack } from './costPack';
import { dataGovernancePack } from './dataGovernancePack';
import { documentationPack } from './documentationPack';
import { ownershipPack, recentReviewCheck } from './ownershipPack';
import { productionReadinessPack } from './productionReadinessPack';
import {
  responsibleAiPack,
  seriousIncidentsReportedCheck,
} from './responsibleAiPack';

/** Every check that ships with ModelOps, in pack order. */
export function shippedChecks(): ModelopsCheck[] {
  return [
    ...productionReadinessPack.map(ruleCheck),
    ...responsibleAiPack.map(ruleCheck),
    seriousIncidentsReportedCheck,
    ...dataGovernancePack.map(ruleCheck),
    ...documentationPack.map(ruleCheck),
    ...ownershipPack.map(ruleCheck),
    recentReviewCheck,
    ...costPack.map(ruleCheck),
  ];
}
