import type { Entity } from '@backstage/catalog-model';
import type {
  EntityFacts,
  RuleOutcome,
} from '@modelops/plugin-modelops-common';
import type { Judgement } from '../facts/EvidenceFactProvider';

/** `evaluation.current` as the evidence provider sets it. */
interface CurrentEvaluation {
  modelVersion: string;
  evaluatedAt: string;
  ageDays: number;
  maxAgeDays: number;
  stale: boolean;
  metrics: Judgement;
  fairness: Judgement;
}

/**
 * The outcome of an evidence check on the newest evaluation of the version a
 * model declares, in words either way: which report it read, and each value
 * with its target. A report of another version, or one older than the
 * evidence age limit, is no evidence for the version in service.
 *
 * @param judged - which judgement of the report the check stands on
 * @param nothingDeclared - the failure when the model declares no bound
 */
export function currentEvaluationOutcome(
  entity: Entity,
  facts: EntityFacts,
  judged: 'metrics' | 'fairness',
  nothingDeclared: string,
): RuleOutcome {
  const version = entity.spec?.version;
  if (version === undefined || version === null || version === '') {
    return {
      passed: false,
      message:
        'expected spec.version to name the version in service; found nothing, so no evaluation can be matched to it',
    };
  }
  const evaluation = facts.evaluation as
    | {
        modelVersion?: string;
        evaluatedAt?: string;
        current?: CurrentEvaluation;
      }
    | undefined;
  const current = evaluation?.current;
  if (!current) {
    const other = evaluation?.modelVersion
      ? ` (the newest report is of version ${
          evaluation.modelVersion
        }, ${evaluation.evaluatedAt?.slice(0, 10)})`
      : '';
    return {
      passed: false,
      message: `expected an evaluation report of version ${version}; found none${other}`,
    };
  }
  const of = `latest evaluation of ${
    current.modelVersion
  } on ${current.evaluatedAt.slice(0, 10)}`;
  if (current.stale) {
    return {
      passed: false,
      message: `the ${of} is ${current.ageDays} days old; evaluations older than ${current.maxAgeDays} days do not count as evidence`,
    };
  }
  const judgement = current[judged];
  if (judgement.met === undefined) {
    return { passed: false, message: nothingDeclared };
  }
  return judgement.met
    ? { passed: true, message: `${of}: ${judgement.evidence.join('; ')}` }
    : { passed: false, message: `${of}: ${judgement.failures.join('; ')}` };
}
