import type { CheckDefinition } from '@modelops/plugin-modelops-common';
import type { ModelopsCheck } from '@modelops/plugin-modelops-node';
import { practice } from './practices';

const pack = 'ownership';
const both: CheckDefinition['appliesTo'] = { kinds: ['MLModel', 'Dataset'] };

/** Ownership: a real owning group with members, a business owner, a system, on-call. */
export const ownershipPack: CheckDefinition[] = [
  {
    id: `${pack}.owner-group`,
    title: 'Owned by a group in the catalog',
    description: 'spec.owner resolves to a Group entity.',
    rationale: {
      practice: practice(1, 'cross-functional ownership'),
      obligations: ['nist-ai-rmf.govern-2.1', 'iso-42001.a.3.2'],
    },
    appliesTo: both,
    rule: { fact: 'ownership.ownerKind', op: 'equals', value: 'group' },
    severity: 'critical',
    remediation: {
      text: 'Point spec.owner at an existing group, e.g. group:default/risk-ml.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.owner-members`,
    title: 'Owning group has members',
    description: 'Somebody is actually in the owning group.',
    rationale: {
      practice: practice(5, 'model registry with metadata including owner'),
      obligations: ['nist-ai-rmf.govern-2.1'],
    },
    appliesTo: both,
    rule: { fact: 'ownership.ownerMemberCount', op: 'gte', value: 1 },
    severity: 'error',
    remediation: {
      text: 'Add members to the owning group in the organisation data.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.business-owner`,
    title: 'Business owner for production',
    description:
      'A production model has a business owner besides the technical owner.',
    rationale: {
      practice: practice(1, 'cross-functional ownership'),
      obligations: ['nist-ai-rmf.govern-2.1', 'iso-42001.a.3.2'],
    },
    appliesTo: { kinds: ['MLModel'], lifecycles: ['production'] },
    rule: { fact: 'entity.spec.businessOwner', op: 'exists' },
    severity: 'error',
    remediation: {
      text: 'Set spec.businessOwner to a user or group reference.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.system`,
    title: 'Part of a system',
    description:
      'The entity belongs to a system, so team and system rollups include it.',
    rationale: { practice: practice(1, 'cross-functional ownership') },
    appliesTo: both,
    rule: { fact: 'entity.spec.system', op: 'exists' },
    severity: 'warning',
    remediation: { text: 'Set spec.system.' },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.on-call`,
    title: 'On-call linked',
    description: 'A production model links its on-call rotation.',
    rationale: { practice: practice(7, 'runbooks for incident response') },
    appliesTo: { kinds: ['MLModel'], lifecycles: ['production'] },
    rule: { fact: 'links.on-call', op: 'exists' },
    severity: 'warning',
    remediation: { text: 'Add a metadata.links entry with `type: on-call`.' },
    pack,
    level: 'silver',
  },
];

/** How recent the last ownership attestation must be: one quarter plus a grace month. */
export const REVIEW_MAX_AGE_DAYS = 120;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Recent ownership review. A check in code because it compares a date with
 * the evaluation time, which the declarative rules do not do. Reads the
 * `review.lastAttestedAt` fact from the ownership reviews, or the
 * `modelops.dev/last-reviewed` annotation for portals that review elsewhere.
 */
export const recentReviewCheck: ModelopsCheck = {
  id: `${pack}.recent-review`,
  title: 'Reviewed this quarter',
  description: `Ownership was attested in the last ${REVIEW_MAX_AGE_DAYS} days.`,
  rationale: {
    practice: practice(1, 'quarterly portfolio reviews'),
    obligations: ['nist-ai-rmf.govern-1.5'],
  },
  appliesTo: both,
  severity: 'warning',
  remediation: {
    text: 'Attest the entity in the current ownership review cycle.',
  },
  pack,
  level: 'gold',
  evaluate({ entity, facts, now }) {
    const review = facts.review as { lastAttestedAt?: unknown } | undefined;
    const raw =
      review?.lastAttestedAt ??
      entity.metadata.annotations?.['modelops.dev/last-reviewed'];
    const at = typeof raw === 'string' ? Date.parse(raw) : NaN;
    if (Number.isNaN(at)) {
      return {
        passed: false,
        message:
          'expected an ownership attestation in a review cycle (or the modelops.dev/last-reviewed annotation); found none',
      };
    }
    const days = Math.floor((now.getTime() - at) / DAY_MS);
    return days <= REVIEW_MAX_AGE_DAYS
      ? { passed: true }
      : {
          passed: false,
          message: `expected an ownership attestation at most ${REVIEW_MAX_AGE_DAYS} days old; found the latest ${days} days old (${new Date(
            at,
          )
            .toISOString()
            .slice(0, 10)})`,
        };
  },
};

/**
 * Every reference besides the owner names an entity of the right kind in
 * the catalog: presence checks elsewhere only test that a field is set, so
 * a steward who left, a renamed dataset or a business owner that is the
 * owning team itself would otherwise pass them.
 */
export const referencesResolveCheck: ModelopsCheck = {
  id: `${pack}.references-resolve`,
  title: 'Every reference resolves',
  description:
    'Business owner, steward, review board, access groups, system, datasets, base models, challenger and producing pipeline name entities of the right kind that exist in the catalog.',
  rationale: {
    practice: practice(2, 'data lineage tracking'),
    obligations: [
      'iso-42001.a.3.2',
      'iso-42001.a.7.5',
      'nist-ai-rmf.govern-2.1',
    ],
  },
  appliesTo: both,
  severity: 'error',
  remediation: {
    text: 'Correct each named field to an existing entity (or register the missing one in the catalog).',
  },
  pack,
  level: 'silver',
  evaluate({ facts }) {
    const references = facts.references as
      | { problems?: unknown; checked?: unknown }
      | undefined;
    if (!references || !Array.isArray(references.problems)) {
      return {
        passed: false,
        message: 'the references of this entity were not resolved yet',
      };
    }
    const problems = references.problems as string[];
    return problems.length === 0
      ? { passed: true }
      : { passed: false, message: problems.join('; ') };
  },
};
