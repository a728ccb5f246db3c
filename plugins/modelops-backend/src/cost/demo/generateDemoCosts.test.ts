import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { generateDemoCosts } from './generateDemoCosts';
import {
  DEMO_IDLE_DAYS,
  DEMO_IDLE_MODEL,
  DEMO_OVER_BUDGET_MODEL,
  DEMO_PORTFOLIO,
} from './demoPortfolio';
import { addDays } from '../costCalendar';

const END_DAY = '2026-11-20';
const examplesDir = path.resolve(__dirname, '../../../../../examples');

describe('generateDemoCosts', () => {
  const records = generateDemoCosts({ endDay: END_DAY });

  it('is deterministic and keeps a day stable when the end day moves', () => {
    expect(generateDemoCosts({ endDay: END_DAY })).toEqual(records);
    const later = generateDemoCosts({ endDay: addDays(END_DAY, 5) });
    const key = (r: (typeof records)[0]) =>
      `${r.entityRef}|${r.day}|${r.category}`;
    const laterByKey = new Map(later.map(r => [key(r), r]));
    const shared = records.filter(r => r.day === '2026-06-01');
    expect(shared.length).toBeGreaterThan(20);
    for (const record of shared) {
      if (record.entityRef.endsWith(DEMO_OVER_BUDGET_MODEL)) continue;
      expect(laterByKey.get(key(record))).toEqual(record);
    }
  });

  it('stays a reasonable volume with one row per day, entity and category', () => {
    expect(records.length).toBeLessThan(60_000);
    expect(records.length).toBeGreaterThan(10_000);
    const keys = new Set(
      records.map(r => `${r.entityRef}|${r.day}|${r.category}`),
    );
    expect(keys.size).toBe(records.length);
    expect(new Set(records.map(r => r.category))).toEqual(
      new Set(['training', 'inference', 'storage']),
    );
  });

  it('tells the idle-model story: spend without inferences for 45 days', () => {
    const idle = records.filter(
      r =>
        r.entityRef === `mlmodel:default/${DEMO_IDLE_MODEL}` &&
        r.category === 'inference',
    );
    const served = idle
      .filter(r => (r.usageQuantity ?? 0) > 0)
      .map(r => r.day)
      .sort();
    expect(served[served.length - 1]).toBe(addDays(END_DAY, -DEMO_IDLE_DAYS));
    expect(
      idle
        .filter(r => r.day > served[served.length - 1])
        .every(r => r.amountMicros > 0n),
    ).toBe(true);
  });

  it('matches the models and budgets of the example catalog', () => {
    const models = fs
      .readdirSync(examplesDir)
      .filter(file => file.endsWith('.yaml'))
      .flatMap(file =>
        parseAllDocuments(
          fs.readFileSync(path.join(examplesDir, file), 'utf8'),
        ).map(doc => doc.toJS()),
      )
      .filter(doc => doc?.kind === 'MLModel' || doc?.kind === 'Dataset');
    const fromExamples = models
      .filter(doc => doc.kind === 'MLModel')
      .map(doc => ({
        name: doc.metadata.name,
        lifecycle: doc.spec.lifecycle,
        monthlyBudget: doc.spec.cost?.monthlyBudget,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const fromPortfolio = DEMO_PORTFOLIO.filter(e => e.kind === 'mlmodel')
      .map(e => ({
        name: e.name,
        lifecycle: e.lifecycle,
        monthlyBudget: e.monthlyBudget,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(fromPortfolio).toEqual(fromExamples);
  });
});
