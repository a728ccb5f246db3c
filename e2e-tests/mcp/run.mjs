// Checks of the ModelOps actions through a real MCP client. The portal's
// backend must already be running (the browser stage starts it); this
// script never starts servers.
//
//   E2E_BACKEND_URL=http://localhost:7007 node e2e-tests/mcp/run.mjs
//
// It signs in as the demo's guest, connects to the MCP endpoint of
// @backstage/plugin-mcp-actions-backend over streamable HTTP with that user
// token, lists the tools, calls every read action and compares the answers
// with what the demo data in examples/ says (computed here from the YAML, so
// the expectations follow the data), calls a write action and finds the
// record and its audit event, and checks that a refused call is refused by
// the action exactly as by the route. Ends with "<passed>/<run> MCP checks
// passed"; exits non-zero on any failure.
//
// E2E_BACKEND_LOG names the backend's log file (scripts/e2e.sh passes the
// one of the portal it started); the audit event is looked up there.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const backendUrl = (
  process.env.E2E_BACKEND_URL ?? 'http://localhost:7007'
).replace(/\/$/, '');
const backendLog = process.env.E2E_BACKEND_LOG;
const root = resolve(import.meta.dirname, '../..');
const runId = Date.now().toString(36);

// ---------------------------------------------------------------- demo data
async function readYaml(file) {
  const text = await readFile(resolve(root, 'examples', file), 'utf8');
  return parseAllDocuments(text)
    .map(d => d.toJSON())
    .filter(Boolean);
}
const models = (await readYaml('models.yaml')).filter(
  e => e.kind === 'MLModel',
);
const org = await readYaml('org.yaml');
const appConfig = parseAllDocuments(
  await readFile(resolve(root, 'app-config.yaml'), 'utf8'),
)[0].toJSON();
const guestRef = appConfig.auth.providers.guest.userEntityRef;
const guestName = guestRef.split('/')[1];
const guestGroups = org
  .find(e => e.kind === 'User' && e.metadata.name === guestName)
  .spec.memberOf.map(g => `group:default/${g}`);
const ref = m => `mlmodel:default/${m.metadata.name}`;
const hasAssessment = m =>
  Boolean(
    m.spec.risk?.impactAssessment?.url && m.spec.risk?.impactAssessment?.date,
  );
const byName = Object.fromEntries(models.map(m => [m.metadata.name, m]));
const sorted = refs => [...refs].sort();

// ------------------------------------------------------------------ harness
const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push(true);
    console.log(`ok   ${name}`);
  } catch (error) {
    results.push(false);
    console.log(
      `FAIL ${name}: ${String(error.message)
        .split('\n')
        .slice(0, 6)
        .join(' ')}`,
    );
  }
}

async function guestToken() {
  const response = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  assert.equal(response.status, 200, 'guest sign-in');
  return (await response.json()).backstageIdentity.token;
}

async function api(token, path, init = {}) {
  const response = await fetch(`${backendUrl}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  const body = response.status === 204 ? undefined : await response.json();
  return { status: response.status, body };
}

// The catalog ingests the demo locations shortly after start, and the
// guest's token carries its group memberships only once the user entity is
// in the catalog: wait for both before signing in for the checks.
let token;
for (let i = 0; i < 120; i++) {
  token = await guestToken();
  const all = await api(
    token,
    '/api/catalog/entities/by-query?filter=kind=mlmodel&limit=1',
  );
  const me = await api(
    token,
    `/api/catalog/entities/by-name/user/default/${guestName}`,
  );
  if (all.body?.totalItems === models.length && me.status === 200) break;
  await new Promise(r => setTimeout(r, 1000));
}
token = await guestToken();

// Scorecards are evaluated hourly; evaluate now so that the scorecard
// answers rest on this data.
const evaluation = await api(token, '/api/modelops/scorecards/evaluate', {
  method: 'POST',
  body: '{}',
});
assert.equal(
  evaluation.status,
  200,
  `scorecard evaluation answered ${evaluation.status}`,
);

const client = new Client({ name: 'modelops-mcp-check', version: '1.0.0' });
await client.connect(
  new StreamableHTTPClientTransport(
    new URL(`${backendUrl}/api/mcp-actions/v1`),
    {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    },
  ),
);

// Tool names are namespaced by plugin id unless mcpActions.namespacedToolNames
// is false.
const { tools } = await client.listTools();
const toolName = name =>
  tools.some(t => t.name === `modelops.${name}`) ? `modelops.${name}` : name;

async function call(name, args) {
  const result = await client.callTool({
    name: toolName(name),
    arguments: args,
  });
  if (result.isError) {
    throw new Error(`${name} answered an error: ${result.content?.[0]?.text}`);
  }
  return result.structuredContent;
}
async function callRefused(name, args) {
  const result = await client.callTool({
    name: toolName(name),
    arguments: args,
  });
  assert.equal(result.isError, true, `${name} should have been refused`);
  return result.content[0].text;
}

// -------------------------------------------------------------------- tools
const EXPECTED_TOOLS = [
  'find-ml-entities',
  'get-model-card',
  'get-scorecard',
  'get-production-blockers',
  'get-team-cost',
  'find-idle-models',
  'get-team-reviews',
  'get-campaign-progress',
  'get-model-obligations',
  'get-annex-iv-dossier',
  'report-model-problem',
  'request-waiver',
  'attest-review-item',
  'request-production-change',
];

await check(
  'every ModelOps tool is listed with a description and an input schema',
  async () => {
    const byToolName = new Map(tools.map(t => [t.name, t]));
    for (const name of EXPECTED_TOOLS) {
      const tool = byToolName.get(toolName(name));
      assert.ok(tool, `tool ${name} is missing`);
      assert.ok(tool.description.length > 80, `${name}: description too short`);
      assert.equal(tool.inputSchema.type, 'object', `${name}: input schema`);
      assert.ok(
        Object.keys(tool.inputSchema.properties ?? {}).length > 0,
        `${name}: input properties`,
      );
      assert.equal(
        tool.annotations.readOnlyHint,
        name.startsWith('get-') || name.startsWith('find-'),
        `${name}: readOnly hint`,
      );
    }
  },
);

await check(
  'every ModelOps action has an output schema and typed examples',
  async () => {
    const { body } = await api(
      token,
      '/api/modelops/.backstage/actions/v1/actions',
    );
    for (const name of EXPECTED_TOOLS) {
      const action = body.actions.find(a => a.name === name);
      assert.ok(action, `action ${name} is missing`);
      assert.equal(
        action.schema.output.type,
        'object',
        `${name}: output schema`,
      );
      assert.ok(
        Object.keys(action.schema.output.properties).length > 0,
        `${name}: output properties`,
      );
      assert.ok(action.examples?.length > 0, `${name}: examples`);
    }
  },
);

// --------------------------------------------------------------- read tools
const highRiskWithout = sorted(
  models
    .filter(m => m.spec.risk?.tier === 'high' && !hasAssessment(m))
    .map(ref),
);

await check(
  'high-risk models without an impact assessment are exactly those of examples/',
  async () => {
    const answer = await call('find-ml-entities', {
      riskTier: 'high',
      impactAssessment: 'missing',
    });
    assert.deepEqual(
      sorted(answer.items.map(i => i.entityRef)),
      highRiskWithout,
    );
    assert.equal(answer.total, highRiskWithout.length);
  },
);

await check(
  'filters by owner and lifecycle match examples/, pages carry the total',
  async () => {
    const expected = sorted(
      models
        .filter(
          m =>
            m.spec.owner === 'group:default/risk-ml' &&
            m.spec.lifecycle === 'production',
        )
        .map(ref),
    );
    const answer = await call('find-ml-entities', {
      owner: 'risk-ml',
      lifecycle: 'production',
    });
    assert.deepEqual(sorted(answer.items.map(i => i.entityRef)), expected);
    const page = await call('find-ml-entities', { limit: 5, offset: 5 });
    assert.equal(page.total, models.length);
    assert.equal(page.items.length, 5);
  },
);

await check(
  'failing the impact assessment check: the same models, less active waivers',
  async () => {
    const { body } = await api(
      token,
      '/api/modelops/scorecards/waivers?status=approved',
    );
    const waived = new Set(
      body.items
        .filter(w => w.checkId === 'responsible-ai.impact-assessment')
        .map(w => w.entityRef),
    );
    const answer = await call('find-ml-entities', {
      riskTier: 'high',
      failingCheck: 'responsible-ai.impact-assessment',
    });
    assert.deepEqual(
      sorted(answer.items.map(i => i.entityRef)),
      highRiskWithout.filter(r => !waived.has(r)),
    );
  },
);

await check(
  'model card summary: purpose, limitations, metric and fairness thresholds, lineage from the YAML',
  async () => {
    const m = byName['credit-risk-scorer'];
    const card = await call('get-model-card', { model: 'credit-risk-scorer' });
    assert.deepEqual(card.purpose.primaryUses, m.spec.intendedUse.primaryUses);
    assert.deepEqual(card.purpose.outOfScope, m.spec.intendedUse.outOfScope);
    assert.equal(card.limitations, m.spec.limitations);
    assert.deepEqual(
      card.metrics.map(x => [x.name, x.threshold]),
      m.spec.metrics.map(x => [x.name, x.threshold]),
    );
    assert.deepEqual(
      card.fairness.map(x => [x.name, x.threshold]),
      m.spec.risk.fairness.map(x => [x.metric, x.threshold]),
    );
    assert.deepEqual(card.lineage.trainedOn, m.spec.trainedOn);
    assert.deepEqual(card.lineage.evaluatedOn, m.spec.evaluatedOn);
    assert.ok(
      card.latestEvaluation,
      'the demo evidence holds an evaluation report',
    );
  },
);

await check(
  'scorecard: evaluated, levels per pack, the missing impact assessment fails with its remediation',
  async () => {
    const scorecard = await call('get-scorecard', {
      entity: 'credit-limit-optimizer',
      limit: 100,
    });
    assert.ok(scorecard.evaluatedAt);
    assert.ok(scorecard.packs.some(p => p.pack === 'responsible-ai'));
    const failing = scorecard.failing.items.find(
      f => f.checkId === 'responsible-ai.impact-assessment',
    );
    assert.ok(failing, 'impact assessment check fails');
    assert.match(failing.remediation, /impactAssessment/);
    assert.equal(scorecard.failing.total, scorecard.failing.items.length);
  },
);

await check(
  'production blockers: the failing critical check and the missing approval, in words',
  async () => {
    const m = byName['credit-limit-optimizer'];
    const answer = await call('get-production-blockers', {
      model: 'credit-limit-optimizer',
    });
    assert.equal(answer.readyForProduction, false);
    assert.equal(answer.version, String(m.spec.version));
    assert.ok(
      answer.blockingChecks.items.some(
        c => c.checkId === 'responsible-ai.impact-assessment',
      ),
    );
    assert.ok(
      answer.blockers.some(b => b.includes('Impact assessment on file')),
    );
    assert.equal(answer.blockers.length >= answer.blockingChecks.total, true);
  },
);

await check(
  "team cost: the guest's team, totals equal the cost route's records, cost per 1,000 inferences",
  async () => {
    const team = guestGroups[0];
    const answer = await call('get-team-cost', {
      team: team.split('/')[1],
      months: 3,
    });
    const route = await api(
      token,
      `/api/modelops/cost/models?team=${encodeURIComponent(team)}&months=3`,
    );
    assert.equal(route.status, 200);
    const [row] = answer.teams;
    assert.equal(row.team, team);
    const total = route.body.models.reduce((s, m) => s + m.total, 0);
    const inferences = route.body.models.reduce((s, m) => s + m.inferences, 0);
    assert.equal(row.total, Math.round(total * 100) / 100);
    assert.equal(row.inferences, inferences);
    assert.equal(
      row.costPer1kInferences,
      Math.round((total / inferences) * 1000 * 10000) / 10000,
    );
    const owned = new Set(models.filter(m => m.spec.owner === team).map(ref));
    assert.ok(
      route.body.models.every(m => owned.has(m.entityRef)),
      'only the team models',
    );
  },
);

await check(
  'idle models: the same models and total spend as the cost route',
  async () => {
    const answer = await call('find-idle-models', { days: 30, limit: 100 });
    const route = await api(token, '/api/modelops/cost/idle?days=30');
    assert.equal(answer.total, route.body.models.length);
    assert.deepEqual(
      answer.items.map(m => m.entityRef),
      route.body.models.map(m => m.entityRef),
    );
    const spend = route.body.models.reduce((s, m) => s + m.spend, 0);
    assert.equal(answer.totalSpend, Math.round(spend * 100) / 100);
  },
);

await check(
  "team reviews: the guest's groups from examples/org.yaml, open items as the review route lists them",
  async () => {
    const answer = await call('get-team-reviews', {});
    assert.deepEqual(sorted(answer.teams), sorted(guestGroups));
    const mine = await api(token, '/api/modelops/reviews/mine');
    const open = mine.body.items.filter(i =>
      ['pending', 'transfer-pending'].includes(i.state),
    );
    assert.equal(answer.openItems.total, open.length);
  },
);

await check(
  'campaign progress: the high-risk campaign covers the high-risk models of examples/',
  async () => {
    const answer = await call('get-campaign-progress', { status: 'open' });
    const campaign = answer.items.find(
      c => c.title === 'EU AI Act readiness for high-risk models',
    );
    assert.ok(campaign, 'demo campaign is open');
    const highRisk = models.filter(m => m.spec.risk?.tier === 'high');
    assert.equal(campaign.entities, highRisk.length);
    // A model without an impact assessment cannot pass the campaign's checks.
    assert.ok(campaign.done <= highRisk.length - highRiskWithout.length);
    assert.equal(
      campaign.teams.reduce((s, t) => s + t.entities, 0),
      campaign.entities,
    );
  },
);

await check(
  'EU AI Act obligations: Art. 50(1) applies now to the support assistant, Annex III duties of the credit risk scorer from 2 December 2027, as the compliance route says',
  async () => {
    const assistant = await call('get-model-obligations', {
      model: 'support-assistant-llm',
      limit: 100,
    });
    const art50 = assistant.obligations.items.find(
      o => o.id === 'eu-ai-act.art-50-1',
    );
    assert.ok(art50, 'Art. 50(1) is listed for the limited-risk assistant');
    assert.equal(art50.scope, 'applies');
    assert.equal(art50.inForce, true);

    const answer = await call('get-model-obligations', {
      model: 'credit-risk-scorer',
      limit: 100,
    });
    const route = await api(
      token,
      `/api/modelops/compliance/entity?entityRef=${encodeURIComponent(
        ref(byName['credit-risk-scorer']),
      )}&instrument=eu-ai-act`,
    );
    assert.equal(route.status, 200);
    assert.equal(answer.obligations.total, route.body.obligations.length);
    for (const status of Object.keys(answer.counts)) {
      assert.equal(
        answer.counts[status],
        route.body.obligations.filter(o => o.status === status).length,
        `${status} count`,
      );
    }
    const annexIII = answer.obligations.items.filter(
      o => o.appliesFrom === '2027-12-02',
    );
    assert.ok(annexIII.length > 0, 'Annex III obligations are listed');
    for (const o of annexIII) {
      assert.equal(o.inForce, false, o.id);
      assert.ok(o.daysLeft > 0, `${o.id} has days left`);
    }
    // Failing first, so an assistant reads what is not met before the rest.
    const order = answer.obligations.items.map(o => o.status);
    assert.deepEqual(
      order.slice(0, answer.counts.failing),
      Array(answer.counts.failing).fill('failing'),
    );
  },
);

await check(
  'Annex IV dossier: the nine sections of the credit risk scorer, named after its version, the same text as the route',
  async () => {
    const m = byName['credit-risk-scorer'];
    const answer = await call('get-annex-iv-dossier', {
      model: 'credit-risk-scorer',
    });
    assert.match(
      answer.fileName,
      new RegExp(`credit-risk-scorer.*${m.spec.version}`),
    );
    const route = await fetch(
      `${backendUrl}/api/modelops/compliance/dossier?entityRef=${encodeURIComponent(
        ref(m),
      )}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    assert.equal(route.status, 200);
    // Both are generated on request; only their time stamps may differ.
    const undated = text => text.replace(/Generated \S+/, 'Generated');
    assert.equal(undated(answer.markdown), undated(await route.text()));
    assert.ok(
      (answer.markdown.match(/^## /gm) ?? []).length >= 9,
      'nine Annex IV sections',
    );
  },
);

// -------------------------------------------------------------- write tools
await check(
  'report a problem: the record is stored for the guest and the route emits its audit event',
  async () => {
    const text = `Declined an applicant with a long clean history (MCP check ${runId}).`;
    const since = Date.now();
    const answer = await call('report-model-problem', {
      entityRef: 'credit-risk-scorer',
      category: 'wrong-prediction',
      text,
    });
    assert.equal(answer.reporterRef, guestRef);
    assert.equal(answer.state, 'open');
    const list = await api(
      token,
      `/api/modelops/feedback?entityRef=${encodeURIComponent(
        'mlmodel:default/credit-risk-scorer',
      )}`,
    );
    const stored = list.body.items.find(f => f.id === answer.id);
    assert.equal(stored?.text, text);
    assert.equal(stored.reporterRef, guestRef);
    assert.ok(backendLog, 'E2E_BACKEND_LOG names the backend log');
    let line;
    for (let i = 0; i < 20 && !line; i++) {
      const log = await readFile(backendLog, 'utf8');
      line = log
        .split('\n')
        .filter(
          l =>
            l.includes('feedback-create') &&
            l.includes('mlmodel:default/credit-risk-scorer') &&
            l.includes(guestRef) &&
            /succeeded/.test(l),
        )
        .find(l => {
          const at = Date.parse(
            l.replace(/\u001b\[[0-9;]*m/g, '').slice(0, 24),
          );
          return Number.isNaN(at) || at >= since - 1000;
        });
      if (!line) await new Promise(r => setTimeout(r, 250));
    }
    assert.ok(line, 'audit event feedback-create with the guest as actor');
  },
);

await check(
  'bad input is refused naming the field, as the route does',
  async () => {
    const text = await callRefused('request-waiver', {
      entityRef: 'credit-limit-optimizer',
      checkId: 'responsible-ai.impact-assessment',
      reason: 'Assessment is with legal for signature.',
      expiresAt: '2020-01-01',
    });
    assert.match(text, /^InputError: .*expiresAt: must be in the future/);
  },
);

await check(
  "a forbidden read is refused by the action exactly as by the route (another team's cost)",
  async () => {
    const other = models
      .map(m => m.spec.owner)
      .find(o => !guestGroups.includes(o));
    const route = await api(
      token,
      `/api/modelops/cost/models?team=${encodeURIComponent(other)}`,
    );
    assert.equal(route.status, 403);
    const text = await callRefused('get-team-cost', { team: other });
    assert.equal(text, `NotAllowedError: ${route.body.error.message}`);
  },
);

await check(
  "a forbidden write is refused by the action exactly as by the route (another team's review item)",
  async () => {
    let item;
    for (const other of models.filter(
      m => !guestGroups.includes(m.spec.owner),
    )) {
      const review = await api(
        token,
        `/api/modelops/reviews/entity?entityRef=${encodeURIComponent(
          ref(other),
        )}`,
      );
      item = review.body.items?.find(i => i.state === 'pending');
      if (item) break;
    }
    assert.ok(item, "a pending review item of another team's model");
    const route = await api(
      token,
      `/api/modelops/reviews/items/${item.id}/attest`,
      {
        method: 'POST',
        body: JSON.stringify({ decision: 'keep' }),
      },
    );
    assert.equal(route.status, 403);
    const text = await callRefused('attest-review-item', {
      itemId: item.id,
      decision: 'keep',
    });
    assert.equal(text, `NotAllowedError: ${route.body.error.message}`);
  },
);

await client.close();
const passed = results.filter(Boolean).length;
console.log(`${passed}/${results.length} MCP checks passed`);
process.exit(passed === results.length ? 0 : 1);
