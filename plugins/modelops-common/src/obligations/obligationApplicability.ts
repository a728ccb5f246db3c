import type { Entity } from '@backstage/catalog-model';
import type { Obligation, ObligationRole } from './types';

/**
 * Whether an obligation binds an entity: `applies`, `not-applicable`, or
 * `undetermined` when its scope depends on a condition no field records.
 *
 * @public
 */
export type ObligationScopeState =
  | 'applies'
  | 'not-applicable'
  | 'undetermined';

/**
 * An obligation's scope and timing for one entity on one day.
 *
 * @public
 */
export interface ObligationApplicability {
  state: ObligationScopeState;
  /** Why, in words, naming the field that decided. */
  reason: string;
  /** The date it applies from for this entity (the Annex I date on that route). */
  appliesFrom?: string;
  /** True when it is in scope and its date has passed. */
  inForce: boolean;
  /** Days until it applies; 0 once in force; absent without a date. */
  daysLeft?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function risk(entity: Entity): Record<string, unknown> {
  const value = (entity.spec as Record<string, unknown> | undefined)?.risk;
  return value && typeof value === 'object'
    ? (value as Record<string, unknown>)
    : {};
}

/** The Annex III point without its sub-point: `5(b)` is in point `5`. */
function pointOf(annexIII: string): string {
  return annexIII.replace(/\(.*$/, '');
}

function inPoints(annexIII: string, points: string[]): boolean {
  return points.some(p => p === annexIII || p === pointOf(annexIII));
}

/** Scope without dates: tier, role, route, Annex III point and recorded conditions. */
function scope(
  obligation: Obligation,
  entity: Entity,
): { state: ObligationScopeState; reason: string; annexI: boolean } {
  const r = risk(entity);
  const tier = typeof r.tier === 'string' ? r.tier : undefined;
  const annexIII = typeof r.annexIII === 'string' ? r.annexIII : undefined;
  const annexI = r.annexI === true;
  const roles = (
    Array.isArray(r.roles) && r.roles.length > 0
      ? r.roles
      : ['provider', 'deployer']
  ) as ObligationRole[];
  const no = (reason: string) => ({
    state: 'not-applicable' as const,
    reason,
    annexI,
  });

  if (obligation.instrument === 'eu-ai-act' && entity.kind !== 'MLModel') {
    return no('The EU AI Act obligations are tracked on MLModel entities.');
  }
  if (obligation.riskTiers) {
    if (!tier) {
      return {
        state: 'undetermined',
        reason: 'spec.risk.tier is not set.',
        annexI,
      };
    }
    if (!obligation.riskTiers.includes(tier as never)) {
      return no(
        `Applies to ${obligation.riskTiers.join(
          ', ',
        )} risk; spec.risk.tier is ${tier}.`,
      );
    }
  }
  if (!obligation.binds.some(role => roles.includes(role))) {
    return no(
      `Binds the ${obligation.binds.join(
        ' and ',
      )}; spec.risk.roles is ${roles.join(', ')}.`,
    );
  }
  if (obligation.routes && tier === 'high') {
    const onAnnexIII = annexIII !== undefined;
    if (obligation.routes.includes('annex-iii') && !onAnnexIII) {
      return annexI
        ? no(
            'Applies to Annex III systems; this one is high-risk through Annex I.',
          )
        : {
            state: 'undetermined',
            reason:
              'Applies to Annex III systems; spec.risk.annexIII is not set.',
            annexI,
          };
    }
  }
  if (annexIII !== undefined) {
    if (
      obligation.excludedAnnexIIIPoints &&
      inPoints(annexIII, obligation.excludedAnnexIIIPoints)
    ) {
      return no(`Excludes Annex III point ${pointOf(annexIII)}.`);
    }
    if (
      obligation.annexIIIPoints &&
      !inPoints(annexIII, obligation.annexIIIPoints)
    ) {
      return no(
        `Applies to Annex III ${obligation.annexIIIPoints.join(
          ', ',
        )}; spec.risk.annexIII is ${annexIII}.`,
      );
    }
  }
  return condition(obligation, r, annexIII, annexI);
}

/** The conditions of scope the MLModel kind records. */
function condition(
  obligation: Obligation,
  r: Record<string, unknown>,
  annexIII: string | undefined,
  annexI: boolean,
): { state: ObligationScopeState; reason: string; annexI: boolean } {
  const transparency = (r.transparency ?? {}) as Record<string, unknown>;
  const declared = (key: string, field: string) =>
    transparency[key] !== undefined
      ? { state: 'applies' as const, reason: `${field} is declared.`, annexI }
      : {
          state: 'not-applicable' as const,
          reason: `${field} is not declared.`,
          annexI,
        };
  switch (obligation.id) {
    case 'eu-ai-act.art-27-1': {
      if (r.publicService === true) {
        return {
          state: 'applies',
          reason:
            'spec.risk.publicService: the deployer provides public services.',
          annexI,
        };
      }
      if (annexIII === '5(b)' || annexIII === '5(c)') {
        return {
          state: 'applies',
          reason: `spec.risk.annexIII is ${annexIII} (credit scoring or life and health insurance pricing).`,
          annexI,
        };
      }
      if (annexIII === undefined || r.publicService === undefined) {
        return {
          state: 'undetermined',
          reason:
            'Applies to public-service deployers and to Annex III 5(b) and 5(c); spec.risk.publicService or spec.risk.annexIII is not set.',
          annexI,
        };
      }
      return {
        state: 'not-applicable',
        reason: `A private deployer not providing public services, Annex III ${annexIII}.`,
        annexI,
      };
    }
    case 'eu-ai-act.art-50-1':
      return declared('interaction', 'spec.risk.transparency.interaction');
    case 'eu-ai-act.art-50-2':
      return declared(
        'syntheticContent',
        'spec.risk.transparency.syntheticContent',
      );
    case 'eu-ai-act.art-50-4':
      return declared('deepFake', 'spec.risk.transparency.deepFake');
    default:
      return obligation.condition
        ? { state: 'undetermined', reason: obligation.condition, annexI }
        : { state: 'applies', reason: 'In scope.', annexI };
  }
}

/**
 * Whether an obligation binds an entity and from when, on a given day.
 *
 * @remarks
 * High-risk obligations apply from the Annex III date, or from the later
 * Annex I date when the model is high-risk only through Annex I
 * (`spec.risk.annexI` without `spec.risk.annexIII`). Voluntary frameworks
 * carry no date and are in force whenever they are in scope.
 *
 * @public
 */
export function obligationApplicability(
  obligation: Obligation,
  entity: Entity,
  today: Date,
): ObligationApplicability {
  const { state, reason, annexI } = scope(obligation, entity);
  const annexIII = typeof risk(entity).annexIII === 'string';
  const appliesFrom =
    annexI && !annexIII && obligation.appliesFromAnnexI
      ? obligation.appliesFromAnnexI
      : obligation.appliesFrom;
  const start = appliesFrom
    ? Date.parse(`${appliesFrom}T00:00:00Z`)
    : undefined;
  const day = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate(),
  );
  const daysLeft =
    start === undefined
      ? undefined
      : Math.max(0, Math.round((start - day) / DAY_MS));
  return {
    state,
    reason,
    ...(appliesFrom ? { appliesFrom } : {}),
    inForce: state === 'applies' && (daysLeft === undefined || daysLeft === 0),
    ...(daysLeft !== undefined ? { daysLeft } : {}),
  };
}
