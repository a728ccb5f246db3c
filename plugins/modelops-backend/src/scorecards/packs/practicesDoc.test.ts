import type { Entity } from '@backstage/catalog-model';
import type { CheckRule } from '@modelops/plugin-modelops-common';
import { type ModelopsCheck, ruleCheck } from '@modelops/plugin-modelops-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { productionChangeApprovedCheck } from '../../changes';
import { feedbackAnsweredCheck } from '../../feedback';
import { shippedChecks } from './shippedChecks';

/**
 * docs/practices.md grades each of the 72 practices by what serves it. This
 * test holds the page to the code: every check id it names exists, and a
 * practice graded "evidence" names a check that, when it runs, reads
 * evidence rather than only the fields the owning team writes.
 */

const ROOT = resolve(__dirname, '../../../../..');
const doc = readFileSync(resolve(ROOT, 'docs/practices.md'), 'utf8');

/** What the portal evaluates: the packs plus the checks of the feature folders. */
const checks: ModelopsCheck[] = [
  ...shippedChecks(),
  ruleCheck(feedbackAnsweredCheck),
  ruleCheck(productionChangeApprovedCheck),
];
const byId = new Map(checks.map(c => [c.id, c]));

/**
 * Fact namespaces filled from what was measured or recorded outside the
 * entity's own YAML. `records` and `links` are absent on purpose: they are
 * computed from the entity's fields.
 */
const EVIDENCE_SOURCES = new Set([
  'evaluation', // evaluation reports
  'monitoring', // monitoring snapshots
  'cost', // cost records
  'incidents', // delivery events and incident assessments
  'review', // ownership review attestations
  'changes', // change approvals
  'feedback', // user feedback records
  'risk', // risk assessments recorded with the questionnaire
  'observed', // cluster observations
  'references', // references resolved in the catalog
  'ownership', // the owner group and its members in the catalog
]);
/** Relations the catalog computes, such as `dependencyOf` from other entities. */
const RELATIONS = 'entity.relations';

const GRADES = ['evidence', 'field', 'record', 'page', 'organisational'];
const PACKS = new Set(checks.map(c => c.pack));

function ruleFacts(rule: CheckRule): string[] {
  if ('all' in rule) return rule.all.flatMap(ruleFacts);
  if ('any' in rule) return rule.any.flatMap(ruleFacts);
  if ('not' in rule) return ruleFacts(rule.not);
  return [rule.fact];
}

const referenceEntities = ['mlmodel', 'dataset'].map(
  kind =>
    parse(
      readFileSync(resolve(ROOT, `docs/reference/${kind}.full.yaml`), 'utf8'),
    ) as Entity,
);

/**
 * The fact namespaces a check reads: a rule's fact paths, or, for a check
 * written in code, what its evaluate function touches when it runs on the
 * fully filled reference entities with no facts at all (so each branch that
 * looks for evidence finds none and reads on).
 */
function sourcesRead(check: ModelopsCheck): Set<string> {
  const read = new Set<string>();
  const note = (path: string) => {
    read.add(path.startsWith(`${RELATIONS}`) ? RELATIONS : path.split('.')[0]);
  };
  if (check.rule) {
    ruleFacts(check.rule).forEach(note);
    return read;
  }
  for (const reference of referenceEntities) {
    const entity = new Proxy(reference, {
      get(target, key, receiver) {
        if (key === 'relations') read.add(RELATIONS);
        return Reflect.get(target, key, receiver);
      },
    });
    const facts = new Proxy(
      {},
      {
        get(_target, key) {
          if (typeof key === 'string') read.add(key);
          return undefined;
        },
      },
    );
    check.evaluate({ entity, facts, now: new Date('2026-12-01T00:00:00Z') });
  }
  return read;
}

const readsEvidence = (check: ModelopsCheck) =>
  [...sourcesRead(check)].some(s => EVIDENCE_SOURCES.has(s) || s === RELATIONS);

interface PracticeRow {
  module: number;
  practice: string;
  grade: string;
  checks: string[];
  line: number;
}

/** The rows of the module tables, by the columns their headers name. */
function practiceRows(): PracticeRow[] {
  const rows: PracticeRow[] = [];
  let module: number | undefined;
  let columns: string[] | undefined;
  doc.split('\n').forEach((text, index) => {
    const heading = /^## Module (\d+):/.exec(text);
    if (heading) {
      module = Number(heading[1]);
      columns = undefined;
      return;
    }
    if (text.startsWith('## ')) module = undefined;
    if (module === undefined || !text.startsWith('|')) return;
    const cells = text
      .slice(1, -1)
      .split('|')
      .map(c => c.trim());
    if (!columns) {
      columns = cells;
      return;
    }
    if (cells.every(c => /^-+$/.test(c))) return;
    const cell = (name: string) => cells[columns!.indexOf(name)] ?? '';
    rows.push({
      module,
      practice: cell('Practice'),
      grade: cell('Grade'),
      checks: cell('Checks')
        .split(',')
        .map(c => c.trim())
        .filter(Boolean),
      line: index + 1,
    });
  });
  return rows;
}

const rows = practiceRows();
const countOf = (grade: string) => rows.filter(r => r.grade === grade).length;

describe('docs/practices.md', () => {
  it('grades each of the 72 practices, eight per module, with a known grade', () => {
    expect(rows).toHaveLength(72);
    for (let m = 1; m <= 9; m++) {
      expect({
        module: m,
        practices: rows.filter(r => r.module === m).length,
      }).toEqual({ module: m, practices: 8 });
    }
    expect(new Set(rows.map(r => r.practice)).size).toBe(72);
    const unknown = rows.filter(r => !GRADES.includes(r.grade));
    expect(unknown.map(r => `line ${r.line}: ${r.grade}`)).toEqual([]);
  });

  it('names in its Checks column only check ids, each in backquotes', () => {
    const malformed = rows.flatMap(r =>
      r.checks
        .filter(c => !/^`[a-z0-9-]+\.[a-z0-9-]+`$/.test(c))
        .map(c => `line ${r.line}: ${c}`),
    );
    expect(malformed).toEqual([]);
  });

  it('names no check id that no shipped pack defines, anywhere on the page', () => {
    const named = [...doc.matchAll(/`([a-z0-9-]+)\.([a-z0-9-]+)`/g)]
      .filter(([, pack]) => PACKS.has(pack))
      .map(([, pack, name]) => `${pack}.${name}`);
    expect(named.length).toBeGreaterThan(72);
    expect([...new Set(named)].filter(id => !byId.has(id))).toEqual([]);
  });

  it('grades a practice "evidence" only when it names a check that reads evidence', () => {
    const unfounded = rows
      .filter(r => r.grade === 'evidence')
      .filter(
        r =>
          !r.checks.some(c => {
            const check = byId.get(c.slice(1, -1));
            return check !== undefined && readsEvidence(check);
          }),
      )
      .map(r => `line ${r.line}: ${r.practice}`);
    expect(unfounded).toEqual([]);
  });

  it('grades a practice "field" only when it names a check', () => {
    expect(
      rows
        .filter(r => r.grade === 'field' && r.checks.length === 0)
        .map(r => `line ${r.line}: ${r.practice}`),
    ).toEqual([]);
  });

  it('writes the counts the rows add up to', () => {
    for (const grade of GRADES) {
      const summary = new RegExp(`^\\| ${grade} +\\| (\\d+) +\\|$`, 'm').exec(
        doc,
      );
      expect({ grade, count: Number(summary?.[1]) }).toEqual({
        grade,
        count: countOf(grade),
      });
    }
    const sentence =
      /\*\*(\d+) of the 72 practices are served by evidence\.\*\*/.exec(doc);
    expect(Number(sentence?.[1])).toBe(countOf('evidence'));
  });

  it('tells evidence from fields the way the scorecards read them', () => {
    // The detector itself: checks known to read evidence, and checks known
    // to read only the entity's own fields, are classified as such.
    const evidence = [
      'production-readiness.metrics-met',
      'production-readiness.drift-within-threshold',
      'responsible-ai.fairness-met',
      'responsible-ai.serious-incidents-reported',
      'ownership.recent-review',
      'ownership.references-resolve',
      'ownership.retired-without-dependents',
      'cost.in-use',
      'production-readiness.change-approved',
      'responsible-ai.risk-assessed',
    ];
    const fields = [
      'production-readiness.serving',
      'responsible-ai.decision-log-retention',
      'production-readiness.runbook',
      'documentation.kpis',
    ];
    expect(evidence.filter(id => !readsEvidence(byId.get(id)!))).toEqual([]);
    expect(fields.filter(id => readsEvidence(byId.get(id)!))).toEqual([]);
  });
});
