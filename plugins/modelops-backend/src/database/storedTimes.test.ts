/*
 * Times are stored as fixed-width UTC text (`YYYY-MM-DDTHH:mm:ss.sssZ`) and
 * the stores order and compare the columns as text. This suite is the
 * evidence that this is correct: adversarial times (any offset up to ±23:59,
 * 0 to 9 fractional digits, the first and last instants of the years 0000
 * and 9999, year and day boundaries) go through the API's own parser into
 * the real stores on SQLite, on PostgreSQL, and on PostgreSQL with the time
 * columns under a linguistic ICU collation (as a database created with an
 * `en_US` locale compares text), and "latest" and window reads must agree
 * with the instants. It also shows what goes wrong with times as sent, and
 * that the stored-times migration repairs rows an earlier version wrote.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  deliveryEventInputSchema,
  evaluationReportInputSchema,
} from '@modelops/plugin-modelops-common';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { DatabaseDeliveryStore } from '../delivery/DatabaseDeliveryStore';
import { DatabaseEvidenceStore } from '../evidence/DatabaseEvidenceStore';
import { initTestDatabase } from '../service/__testUtils__';
import { isStoredTime, toStoredTime } from '../service/storedTime';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const FIRST = Date.parse('0000-01-01T00:00:00.000Z');
const LAST = Date.parse('9999-12-31T23:59:59.999Z');
const HOUR = 3_600_000;
// Both sides of the first and last instants the fixed form can write, of a
// millennium and of a year.
const EDGES = [
  FIRST - HOUR,
  FIRST - 1,
  FIRST,
  FIRST + 1,
  LAST - 1,
  LAST,
  LAST + 1,
  LAST + HOUR,
  Date.parse('1999-12-31T23:59:59.999Z'),
  Date.parse('2000-01-01T00:00:00.000Z'),
  Date.parse('2026-12-31T23:59:59.999Z'),
  Date.parse('2027-01-01T00:00:00.000Z'),
];

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * One instant written as a client might: in a local time with an offset and
 * `digits` fractional digits (sub-millisecond digits are noise the parser
 * drops). Undefined when the local time falls outside the years 0000-9999,
 * which ISO 8601 text of four-digit years cannot write.
 */
function asSent(
  instant: number,
  offsetMinutes: number,
  digits: number,
  noise: string,
): string | undefined {
  const local = new Date(instant + offsetMinutes * 60_000).toISOString();
  if (!isStoredTime(local)) return undefined;
  const fraction =
    digits === 0 ? '' : `.${(local.slice(20, 23) + noise).slice(0, digits)}`;
  const zone =
    offsetMinutes === 0 && noise.charCodeAt(0) % 2 === 0
      ? 'Z'
      : `${offsetMinutes < 0 ? '-' : '+'}${pad(
          Math.trunc(offsetMinutes / 60),
        )}:${pad(offsetMinutes % 60)}`;
  return `${local.slice(0, 19)}${fraction}${zone}`;
}

const sentTime = fc
  .record({
    instant: fc.oneof(
      // A day beyond both ends: offsets can write such instants in years
      // 0000 and 9999, and the parser must refuse them.
      fc.integer({ min: FIRST - 24 * HOUR, max: LAST + 24 * HOUR }),
      fc.constantFrom(...EDGES),
    ),
    offset: fc.oneof(
      fc.integer({ min: -1439, max: 1439 }),
      fc.constantFrom(0, 1439, -1439, 60, -60),
    ),
    digits: fc.integer({ min: 0, max: 9 }),
    noise: fc.stringMatching(/^\d{6}$/),
  })
  .map(t => asSent(t.instant, t.offset, t.digits, t.noise))
  .filter((t): t is string => t !== undefined);

/** Parses as the API does; undefined when the API refuses the time. */
function parsed(text: string): string | undefined {
  const result = deliveryEventInputSchema.safeParse({
    entityRef: 'mlmodel:default/m',
    type: 'deployment',
    at: text,
  });
  return result.success ? result.data.at : undefined;
}

const byInstant = (a: string, b: string) => Date.parse(a) - Date.parse(b);

type Variant = 'as created' | 'under en-x-icu';

/** Puts the time columns the reads below use under an ICU collation. */
async function useLinguisticCollation(knex: Knex) {
  for (const [table, column] of [
    ['modelops_evaluations', 'evaluated_at'],
    ['modelops_delivery_events', 'at'],
  ]) {
    await knex.raw(
      `ALTER TABLE ?? ALTER COLUMN ?? TYPE varchar(24) COLLATE "en-x-icu"`,
      [table, column],
    );
  }
}

const cases: Array<[string, Variant]> = databases
  .eachSupportedId()
  .flatMap(([id]) =>
    id.startsWith('POSTGRES')
      ? [
          [id, 'as created'],
          [id, 'under en-x-icu'],
        ]
      : [[id, 'as created']],
  ) as Array<[string, Variant]>;

describe.each(cases)('stored times on %s, columns %s', (id, variant) => {
  let knex: Knex;
  let run = 0;

  beforeAll(async () => {
    knex = await initTestDatabase(databases, id as any);
    if (variant === 'under en-x-icu') {
      await useLinguisticCollation(knex);
      if (!(await isIcuColumn(knex))) {
        throw new Error('The time columns are not under en-x-icu');
      }
    }
  });

  it('keeps instants in the fixed form and refuses those it cannot write', () => {
    fc.assert(
      fc.property(sentTime, text => {
        const stored = parsed(text);
        const instant = Date.parse(text);
        const inRange = instant >= FIRST && instant <= LAST;
        // Refused exactly when the fixed form cannot write the instant;
        // otherwise stored in that form, as the same instant.
        expect(
          stored === undefined
            ? 'refused'
            : { fixedForm: isStoredTime(stored), instant: Date.parse(stored) },
        ).toEqual(inRange ? { fixedForm: true, instant } : 'refused');
      }),
      { numRuns: 2000 },
    );
    // An offset past the last instant, or before the first, is refused.
    expect(parsed('9999-12-31T23:59:59-23:59')).toBeUndefined();
    expect(parsed('0000-01-01T00:00:00+00:01')).toBeUndefined();
    expect(parsed('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    expect(parsed('0000-01-01T00:00:00+00:00')).toBe(
      '0000-01-01T00:00:00.000Z',
    );
  });

  it('finds the latest evaluation and orders reports by instant', async () => {
    const evidence = DatabaseEvidenceStore.create({ knex });
    await fc.assert(
      fc.asyncProperty(
        fc.array(sentTime, { minLength: 2, maxLength: 8 }),
        async texts => {
          const modelRef = `mlmodel:default/m-${++run}`;
          const stored: string[] = [];
          for (const text of texts) {
            const input = evaluationReportInputSchema.safeParse({
              modelRef,
              modelVersion: '1',
              evaluatedAt: text,
              metrics: [{ name: 'auc', value: 0.9 }],
            });
            if (!input.success) continue;
            await evidence.addEvaluation(input.data);
            stored.push(input.data.evaluatedAt);
          }
          fc.pre(stored.length > 0);
          const expected = [...stored].sort(byInstant).reverse();
          const latest = await evidence.latestEvaluationsByModel([modelRef]);
          expect(latest.get(modelRef)?.evaluatedAt).toBe(expected[0]);
          const listed = await evidence.listEvaluations({
            modelRef,
            limit: 100,
          });
          expect(listed.map(r => r.evaluatedAt)).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps exactly the events of a window, whatever the offsets', async () => {
    const delivery = DatabaseDeliveryStore.create({ knex });
    await fc.assert(
      fc.asyncProperty(
        fc.array(sentTime, { minLength: 1, maxLength: 8 }),
        sentTime,
        sentTime,
        async (texts, a, b) => {
          const entityRef = `mlmodel:default/w-${++run}`;
          const bounds = [parsed(a), parsed(b)];
          fc.pre(bounds.every(t => t !== undefined));
          const [from, to] = (bounds as string[]).sort(byInstant);
          const stored: string[] = [];
          for (const text of texts) {
            const at = parsed(text);
            if (at === undefined) continue;
            await delivery.addEvent(
              deliveryEventInputSchema.parse({
                entityRef,
                type: 'deployment',
                at: text,
              }),
            );
            stored.push(at);
          }
          const inWindow = stored
            .filter(
              at =>
                Date.parse(at) >= Date.parse(from) &&
                Date.parse(at) < Date.parse(to),
            )
            .sort(byInstant);
          const events = await delivery.listEventsForWindow(
            [entityRef],
            from,
            to,
          );
          expect(events.map(e => e.at).sort(byInstant)).toEqual(inWindow);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('would order times as sent wrongly, which is why they are normalised', async () => {
    // Each pair: the earlier instant first, whose text as sent sorts last.
    const pairs = [
      ['2026-01-01T00:30:00+01:00', '2025-12-31T23:45:00Z'],
      ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.001Z'],
      ['2026-06-01T12:00:00.9+02:00', '2026-06-01T10:00:00.95Z'],
    ];
    for (const [earlier, later] of pairs) {
      expect(Date.parse(earlier)).toBeLessThan(Date.parse(later));
      expect((await orderedText(knex, [earlier, later])).rows).toEqual([
        later,
        earlier,
      ]);
      const stored = [toStoredTime(earlier, 'at'), toStoredTime(later, 'at')];
      expect((await orderedText(knex, [...stored].reverse())).rows).toEqual(
        stored,
      );
    }
    // Years that toISOString writes with six digits and a sign sort first.
    const { rows } = await orderedText(knex, [
      '+010000-01-01T23:58:59.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
    expect(rows[0]).toBe('+010000-01-01T23:58:59.000Z');
  });
});

/** Two texts ordered by the database, under the columns' collation. */
async function orderedText(knex: Knex, values: string[]) {
  const pg = knex.client.config.client === 'pg';
  const collate = pg && (await isIcuColumn(knex)) ? ' COLLATE "en-x-icu"' : '';
  const result = await knex.raw(
    `SELECT v FROM (${values
      .map(() => `SELECT CAST(? AS varchar(32)) AS v`)
      .join(' UNION ALL ')}) AS t ORDER BY v${collate}`,
    values,
  );
  const rows: Array<{ v: string }> = pg ? result.rows : result;
  return { rows: rows.map(r => r.v) };
}

async function isIcuColumn(knex: Knex): Promise<boolean> {
  const result = await knex.raw(
    `SELECT collation_name FROM information_schema.columns WHERE table_name = 'modelops_evaluations' AND column_name = 'evaluated_at'`,
  );
  return result.rows[0]?.collation_name === 'en-x-icu';
}

describe.each(databases.eachSupportedId())(
  'the stored-times migration on %p',
  id => {
    it('rewrites times an earlier version stored outside the fixed form', async () => {
      const knex = await initTestDatabase(databases, id);
      const directory = resolvePackagePath(
        '@modelops/plugin-modelops-backend',
        'migrations',
      );
      await knex.migrate.down({
        directory,
        name: '20261203100000_stored_times.js',
      });
      const campaign = (id_: string, dueDate: string) => ({
        id: id_,
        title: id_,
        check_ids: '[]',
        entity_filter: '{}',
        due_date: dueDate,
        owner: 'group:default/ml',
        status: 'open',
        created_by: 'user:default/alice',
        created_at: '2026-11-01T00:00:00.000Z',
      });
      await knex('modelops_scorecard_campaigns').insert([
        campaign('beyond', '+010000-01-01T23:58:59.000Z'),
        campaign('before', '-000001-12-31T23:00:00.000Z'),
        campaign('day', '2027-03-01T00:00:00Z'),
        campaign('fine', '2027-02-01T00:00:00.000Z'),
      ]);
      await knex.migrate.latest({ directory });
      const rows = await knex('modelops_scorecard_campaigns')
        .orderBy('due_date')
        .select('id', 'due_date');
      expect(rows.map(r => [r.id, r.due_date])).toEqual([
        ['before', '0000-01-01T00:00:00.000Z'],
        ['fine', '2027-02-01T00:00:00.000Z'],
        ['day', '2027-03-01T00:00:00.000Z'],
        ['beyond', '9999-12-31T23:59:59.999Z'],
      ]);
    });
  },
);
