import type { RiskAssessment } from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { chunks } from '../service/chunks';
import type { DatabaseStoreOptions } from '../service/types';
import { withoutUndefined } from '../service/withoutUndefined';
import type { NewRiskAssessment, RiskAssessmentStore } from './types';

const TABLE = 'modelops_risk_assessments';
const BULK_READ_CHUNK = 1000;

interface Row {
  id: string | number;
  entity_ref: string;
  answers: string;
  tier: string;
  domain: string | null;
  annex_iii_points: string | null;
  classifier_version: string;
  assessed_by: string;
  assessed_at: string;
}

function toAssessment(row: Row): RiskAssessment {
  return withoutUndefined({
    id: String(row.id),
    entityRef: row.entity_ref,
    answers: JSON.parse(row.answers),
    tier: row.tier as RiskAssessment['tier'],
    domain: row.domain ?? undefined,
    annexIIIPoints: row.annex_iii_points
      ? JSON.parse(row.annex_iii_points)
      : undefined,
    classifierVersion: row.classifier_version,
    assessedBy: row.assessed_by,
    assessedAt: row.assessed_at,
  });
}

/** Recorded risk assessments in the plugin database (SQLite or PostgreSQL). */
export class DatabaseRiskAssessmentStore implements RiskAssessmentStore {
  private constructor(
    private readonly knex: Knex,
    private readonly now: () => Date,
  ) {}

  /** Creates the store; `now` dates the assessments. */
  static create(options: DatabaseStoreOptions): RiskAssessmentStore {
    return new DatabaseRiskAssessmentStore(
      options.knex,
      options.now ?? (() => new Date()),
    );
  }

  async add(
    assessment: NewRiskAssessment,
    assessedAt?: string,
  ): Promise<RiskAssessment> {
    const row: Omit<Row, 'id'> = {
      entity_ref: assessment.entityRef,
      answers: JSON.stringify(assessment.answers),
      tier: assessment.tier,
      domain: assessment.domain ?? null,
      annex_iii_points: assessment.annexIIIPoints?.length
        ? JSON.stringify(assessment.annexIIIPoints)
        : null,
      classifier_version: assessment.classifierVersion,
      assessed_by: assessment.assessedBy,
      assessed_at: assessedAt ?? this.now().toISOString(),
    };
    const [stored] = await this.knex(TABLE).insert(row).returning('*');
    return toAssessment(stored);
  }

  async list(entityRef: string): Promise<RiskAssessment[]> {
    const rows: Row[] = await this.knex(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'assessed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toAssessment);
  }

  async latest(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, RiskAssessment>> {
    const out = new Map<string, RiskAssessment>();
    for (const chunk of chunks([...new Set(entityRefs)], BULK_READ_CHUNK)) {
      // A model is assessed a few times a year, so reading its rows newest
      // first and keeping the first is cheap; times are fixed-width text.
      const rows: Row[] = await this.knex(TABLE)
        .whereIn('entity_ref', chunk)
        .modify(q => {
          if (asOf) q.where('assessed_at', '<=', asOf);
        })
        .orderBy([
          { column: 'assessed_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ]);
      for (const row of rows) {
        if (!out.has(row.entity_ref))
          out.set(row.entity_ref, toAssessment(row));
      }
    }
    return out;
  }

  async entityRefsChangedSince(since: string): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.knex(TABLE)
      .distinct('entity_ref')
      .where('assessed_at', '>', since);
    return rows.map(r => r.entity_ref);
  }
}
