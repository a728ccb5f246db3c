import type { Entity } from '@backstage/catalog-model';
import type {
  EntityFacts,
  RuleOutcome,
} from '@modelops/plugin-modelops-common';

/** One piece of evidence judged against what the model declares. */
export interface Judgement {
  /** Undefined when the model declares nothing to judge it by. */
  met: boolean | undefined;
  /** Each value that misses its target, in words. */
  failures: string[];
  /** Each value that was judged, with its target, in words. */
  evidence: string[];
}

/**
 * `<source>.current` as the evidence providers set it: the newest report or
 * snapshot of the version the model declares in `spec.version`.
 */
export interface CurrentEvidence {
  /** What was read, e.g. "latest evaluation of 4.2.0 on 2026-09-09". */
  described: string;
  ageDays: number;
  maxAgeDays: number;
  stale: boolean;
  judgements: Record<string, Judgement>;
}

/** `<source>.current` and, when there is one, the newest of any version. */
export interface EvidenceFacts {
  current?: CurrentEvidence;
  /** The newest evidence of any version, for the message when none matches. */
  newestOtherVersion?: string;
}

/** What each source's evidence is called, with the article it takes. */
const NOUN = {
  evaluation: { noun: 'evaluation report', article: 'an' },
  monitoring: { noun: 'monitoring snapshot', article: 'a' },
};

/**
 * The outcome of an evidence check on the newest evidence of the version a
 * model declares, in words either way: what it read, and each value with
 * its target. Evidence of another version, or older than the age limit, is
 * no evidence for the version in service.
 *
 * @param source - the fact provider: `evaluation` or `monitoring`
 * @param judged - which judgement of that evidence the check stands on
 * @param nothingDeclared - the failure when the model declares no target
 */
export function currentEvidenceOutcome(
  entity: Entity,
  facts: EntityFacts,
  source: keyof typeof NOUN,
  judged: string,
  nothingDeclared: string,
): RuleOutcome {
  const version = entity.spec?.version;
  if (version === undefined || version === null || version === '') {
    return {
      passed: false,
      message: `expected spec.version to name the version in service; found nothing, so no ${NOUN[source].noun} can be matched to it`,
    };
  }
  const evidence = facts[source] as EvidenceFacts | undefined;
  const current = evidence?.current;
  if (!current) {
    const other = evidence?.newestOtherVersion
      ? ` (the newest is ${evidence.newestOtherVersion})`
      : '';
    return {
      passed: false,
      message: `expected ${NOUN[source].article} ${NOUN[source].noun} of version ${version}; found none${other}`,
    };
  }
  if (current.stale) {
    return {
      passed: false,
      message: `the ${current.described} is ${current.ageDays} days old; evidence older than ${current.maxAgeDays} days does not count`,
    };
  }
  const judgement = current.judgements[judged];
  if (!judgement || judgement.met === undefined) {
    return { passed: false, message: nothingDeclared };
  }
  return judgement.met
    ? {
        passed: true,
        message: `${current.described}: ${judgement.evidence.join('; ')}`,
      }
    : {
        passed: false,
        message: `${current.described}: ${judgement.failures.join('; ')}`,
      };
}
