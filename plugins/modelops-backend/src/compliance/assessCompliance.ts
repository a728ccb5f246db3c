import type { Entity } from '@backstage/catalog-model';
import {
  checkApplies,
  formatCitation,
  obligationApplicability,
  OBLIGATIONS,
  type CheckMetadata,
  type EffectiveCheckState,
  type ObligationAssessment,
  type ObligationCheckState,
  type ObligationInstrument,
  type ObligationRow,
  type ObligationStatus,
} from '@modelops/plugin-modelops-common';

/** A stored outcome of one check on the model, after waivers. */
export interface CheckOutcome {
  state: EffectiveCheckState;
  message?: string;
}

/**
 * Every tracked obligation with the checks that cite it, in table order.
 * Only checks citing an id the table holds are counted; a test keeps the
 * shipped checks that way, and config checks are validated on load.
 */
export function obligationRows(
  checks: CheckMetadata[],
  instrument?: ObligationInstrument,
): ObligationRow[] {
  return OBLIGATIONS.filter(
    o => !instrument || o.instrument === instrument,
  ).map(obligation => ({
    obligation,
    citation: formatCitation(obligation),
    checkIds: checks
      .filter(c => c.rationale.obligations?.includes(obligation.id))
      .map(c => c.id),
  }));
}

function statusOf(
  scope: 'applies' | 'not-applicable' | 'undetermined',
  checks: ObligationCheckState[],
): ObligationStatus {
  if (scope === 'not-applicable') return 'not-applicable';
  if (checks.some(c => c.state === 'fail')) return 'failing';
  if (checks.length === 0 || checks.some(c => c.state === 'not-evaluated')) {
    return 'not-evidenced';
  }
  return 'met';
}

/**
 * Where one model stands on each obligation on a given day: its scope and
 * date for this model, and the outcome of the checks citing it that apply
 * to the model.
 *
 * @remarks
 * Every EU AI Act obligation is listed for a model, those that do not bind
 * it as not applicable with the reason, so the page shows what applies now,
 * what applies later and what never does. Obligations of the voluntary
 * frameworks and GDPR are listed when a check citing them applies.
 */
export function assessCompliance(options: {
  entity: Entity;
  checks: CheckMetadata[];
  outcomes: Map<string, CheckOutcome>;
  today: Date;
  instrument?: ObligationInstrument;
}): ObligationAssessment[] {
  const { entity, outcomes, today, instrument } = options;
  const applicable = options.checks.filter(c =>
    checkApplies(c.appliesTo, entity),
  );
  return obligationRows(options.checks, instrument).flatMap(row => {
    const citing = applicable.filter(c => row.checkIds.includes(c.id));
    if (row.obligation.instrument !== 'eu-ai-act' && citing.length === 0) {
      return [];
    }
    const applicability = obligationApplicability(
      row.obligation,
      entity,
      today,
    );
    const checks: ObligationCheckState[] = citing.map(c => {
      const outcome = outcomes.get(c.id);
      return {
        id: c.id,
        title: c.title,
        state: outcome?.state ?? 'not-evaluated',
        ...(outcome?.message ? { message: outcome.message } : {}),
      };
    });
    return [
      {
        ...row,
        checkIds: citing.map(c => c.id),
        applicability,
        status: statusOf(applicability.state, checks),
        checks,
      },
    ];
  });
}
