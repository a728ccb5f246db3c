// End-to-end checks of the ModelOps pages in a real browser. The portal must
// already be running (frontend and backend); this script never starts servers.
//
//   E2E_BASE_URL=http://localhost:3000 node e2e-tests/run.mjs
//
// Screenshots go to e2e-screenshots/ (git-ignored). Exits non-zero on failure.
import { chromium } from 'playwright-core';
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const baseUrl = (process.env.E2E_BASE_URL ?? 'http://localhost:3000').replace(
  /\/$/,
  '',
);
const backendUrl = (
  process.env.E2E_BACKEND_URL ?? 'http://localhost:7007'
).replace(/\/$/, '');
const executablePath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const screenshotDir = resolve(process.cwd(), 'e2e-screenshots');
// Where the templates' local publish target writes, as app-config sets
// modelops.scaffolder.localOutputDir (../../data/scaffolded from packages/backend).
const scaffoldedDir = resolve(
  process.cwd(),
  process.env.E2E_SCAFFOLDED_DIR ?? 'data/scaffolded',
);
const TIMEOUT = 60_000;
// Texts and names unique to this run, so re-runs never collide with what an
// earlier run left in the portal's database.
const runId = Date.now().toString(36);

const results = [];

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - started });
    console.log(`FAIL ${name}: ${error.message.split('\n')[0]}`);
    throw error;
  }
}

// Opens a tab of a ModelOps section page and waits until it is selected.
async function openTab(name, url) {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await page.waitForURL(url);
  await page.waitForFunction(
    label =>
      [...document.querySelectorAll('[role="tab"]')].some(
        t =>
          t.textContent === label && t.getAttribute('aria-selected') === 'true',
      ),
    name,
  );
  // Let the tab indicator finish sliding before a screenshot.
  await page.waitForTimeout(400);
}

// A backend request as the signed-in guest.
async function asGuest(method, path, data) {
  const session = await context.request.post(
    `${backendUrl}/api/auth/guest/refresh`,
  );
  const token = (await session.json()).backstageIdentity.token;
  return context.request.fetch(`${backendUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    data,
  });
}

// A card of an entity page, found by its exact title.
function card(title) {
  return page
    .locator('[class*="MuiCard-root"]')
    .filter({ has: page.getByText(title, { exact: true }) });
}

// Picks an option of an autocomplete field (owner, system, dataset pickers).
async function pick(field, typed, option) {
  await field.click();
  await field.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

// A screenshot of one card, readable where the full page would be too long.
async function shotOf(locator, name) {
  await locator.screenshot({ path: `${screenshotDir}/${name}.png` });
}

async function shot(page, name) {
  await page.screenshot({
    path: `${screenshotDir}/${name}.png`,
    fullPage: true,
  });
}

await mkdir(screenshotDir, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
// The demo's people (auth.providers.demo-persona in app-config.yaml), by
// the first name their sign-in button carries.
const PERSONAS = {
  engineer: { firstName: 'Tomáš', ref: 'user:default/tomas.novak' },
  board: { firstName: 'Margaret', ref: 'user:default/margaret.osei' },
  finops: { firstName: 'Benjamin', ref: 'user:default/benjamin.cohen' },
};

const pageErrors = [];
// React warnings (keys, DOM nesting) whose component stack runs through
// ModelOps code: the portal's own and third-party warnings are not ours.
const ourWarnings = new Set();
function watch(target) {
  target.setDefaultTimeout(TIMEOUT);
  target.on('pageerror', error => pageErrors.push(error.message));
  target.on('console', message => {
    const text = message.text();
    // defaultProps deprecations come from the table library Backstage wraps.
    if (
      message.type() === 'error' &&
      text.startsWith('Warning:') &&
      !text.includes('defaultProps') &&
      /plugins\/modelops\/src/.test(text)
    ) {
      ourWarnings.add(text.split('\n')[0].slice(0, 200));
    }
  });
  return target;
}

// Pages are checked at the narrowest width the issue names: 1280 px.
const VIEWPORT = { width: 1280, height: 900 };
const context = await browser.newContext({ viewport: VIEWPORT });
const page = watch(await context.newPage());

// A browser of its own for another persona: its own storage, so its
// sign-in choice does not replace the engineer's.
async function personaPage(persona) {
  const ownContext = await browser.newContext({ viewport: VIEWPORT });
  const ownPage = watch(await ownContext.newPage());
  await signInAs(ownPage, persona);
  return ownPage;
}

// Signs in on the demo sign-in page as one persona; portals without the
// persona picker offer the guest's "Enter" (the guest is the engineer).
async function signInAs(target, persona) {
  await target.goto(baseUrl);
  const choice = target.getByRole('button', {
    name: new RegExp(`^Sign in as ${persona.firstName}`),
  });
  const enter = target.getByRole('button', { name: 'Enter' });
  const sidebar = target.getByRole('link', { name: 'ML models' }).first();
  await Promise.race([choice.waitFor(), enter.waitFor(), sidebar.waitFor()]);
  if (await choice.isVisible()) {
    await choice.click();
  } else if (await enter.isVisible()) {
    if (persona !== PERSONAS.engineer) {
      throw new Error(
        `the sign-in page offers no ${persona.firstName}: is auth.providers.demo-persona configured?`,
      );
    }
    await enter.click();
  }
  await sidebar.waitFor();
}

// A backend request as a persona, with the token the demo provider issues.
async function asPersona(persona, method, path, data) {
  const session = await context.request.get(
    `${backendUrl}/api/auth/demo-persona/refresh`,
    {
      headers: {
        'x-demo-persona': persona.ref,
        'x-requested-with': 'XMLHttpRequest',
      },
    },
  );
  if (!session.ok()) {
    throw new Error(
      `signing in as ${persona.ref} was answered ${session.status()}`,
    );
  }
  const token = (await session.json()).backstageIdentity.token;
  return context.request.fetch(`${backendUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    data,
  });
}

// What the page shows in words: code samples (YAML hints) and the hover
// titles of graph nodes (SVG <title>, which name the ref) left out.
async function visibleText(target) {
  return target.evaluate(() => {
    const main = document.querySelector('main') ?? document.body;
    const copy = main.cloneNode(true);
    copy
      .querySelectorAll('code, pre, script, style, title')
      .forEach(n => n.remove());
    return copy.textContent ?? '';
  });
}

// Raw entity refs and ISO 8601 durations are for YAML, not for readers.
const RAW_REF =
  /\b(?:user|group|mlmodel|dataset|component|system|domain|resource|api):[a-z0-9-]+\/[a-z0-9][a-z0-9._-]*/i;
const ISO_DURATION =
  /\bP(?:\d+[YMWD])+(?:T(?:\d+[HMS])+)?\b|\bPT(?:\d+[HMS])+\b/;
function readerProblems(text) {
  return [RAW_REF, ISO_DURATION]
    .map(pattern => text.match(pattern)?.[0])
    .filter(Boolean);
}

// A screenshot of the whole page at 1280 px: Backstage scrolls inside its
// page element, so the viewport grows to the content's height first.
async function shotWhole(target, name) {
  const extra = await target.evaluate(() =>
    Math.max(
      0,
      // Entity pages scroll the document, section pages an inner element.
      document.documentElement.scrollHeight - window.innerHeight,
      ...[...document.querySelectorAll('*')]
        .filter(el => {
          const style = getComputedStyle(el);
          return /(auto|scroll)/.test(style.overflowY);
        })
        .map(el => el.scrollHeight - el.clientHeight),
    ),
  );
  await target.setViewportSize({
    width: VIEWPORT.width,
    height: Math.min(VIEWPORT.height + extra, 8000),
  });
  await target.waitForTimeout(300);
  await target.screenshot({ path: `${screenshotDir}/${name}.png` });
  await target.setViewportSize(VIEWPORT);
}

// The catalog ingests the demo locations some seconds after the backend is
// ready; pages opened before that show an empty catalog and stay empty.
async function waitForDemoCatalog() {
  const deadline = Date.now() + TIMEOUT * 2;
  while (Date.now() < deadline) {
    const res = await asGuest(
      'GET',
      '/api/catalog/entities/by-query?filter=kind=mlmodel&limit=1',
    );
    if (res.ok() && (await res.json()).items?.length > 0) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error('the catalog listed no MLModel entities in time');
}

let modelHref;
let datasetHref;
try {
  await step('sign in as the ML engineer of Risk ML', async () => {
    await waitForDemoCatalog();
    await page.goto(baseUrl);
    // The sign-in page lists the demo's people once the catalog has read
    // them; the picker is a page a reader sees first, so it is checked too.
    await page
      .getByRole('button', { name: /^Sign in as / })
      .first()
      .waitFor();
    await shotWhole(page, '00-sign-in');
    await signInAs(page, PERSONAS.engineer);
  });

  await step('ML models nav item opens the model catalog', async () => {
    await page.getByRole('link', { name: 'ML models' }).first().click();
    await page.waitForURL(/\/ml-models/);
    const table = page.getByRole('table', { name: 'ML models' });
    await table.waitFor();
    await page.waitForFunction(
      () =>
        document.querySelectorAll('table[aria-label="ML models"] tbody a')
          .length > 0,
      undefined,
      { timeout: TIMEOUT },
    );
    const rows = await table.locator('tbody tr').count();
    if (rows < 1) throw new Error('no models listed');
    await shot(page, '01-model-catalog');
    modelHref = await table.locator('tbody tr a').first().getAttribute('href');
  });

  await step(
    'search narrows the model catalog and lands in the URL',
    async () => {
      const firstName = (
        await page
          .locator('table[aria-label="ML models"] tbody tr a')
          .first()
          .innerText()
      ).trim();
      await page
        .getByRole('textbox', { name: 'Search models' })
        .fill(firstName.slice(0, 6));
      // The search is written to the query string, so the list can be shared.
      await page.waitForURL(/[?&]q=/, { timeout: TIMEOUT });
      await page
        .locator('table[aria-label="ML models"] tbody tr a')
        .first()
        .waitFor();
      await shot(page, '02-model-catalog-search');
    },
  );

  await step('model card renders its sections and charts', async () => {
    const url = new URL(modelHref, baseUrl);
    await page.goto(`${url.toString().replace(/\/$/, '')}/model-card`);
    await page.getByRole('region', { name: 'Model details' }).waitFor();
    await page
      .getByRole('region', { name: 'Caveats and recommendations' })
      .waitFor();
    // Charts are lazy; wait for one recharts SVG if the model has evidence.
    const charts = page.locator(
      'figure[data-testid="modelops-chart"] svg.recharts-surface',
    );
    await charts.first().waitFor({ timeout: TIMEOUT });
    console.log(`     ${await charts.count()} chart(s) rendered`);
    await shot(page, '03-model-card');
    datasetHref = await page
      .getByRole('region', { name: 'Training data' })
      .locator('a')
      .first()
      .getAttribute('href');
  });

  await step(
    'model overview shows the operations card, about card and relations',
    async () => {
      const url = new URL(modelHref, baseUrl);
      await page.goto(url.toString());
      await page.getByText('Operations', { exact: true }).first().waitFor();
      await page.getByText('About', { exact: true }).first().waitFor();
      await shot(page, '04-model-overview');
    },
  );

  await step('datasheet renders for a dataset', async () => {
    if (!datasetHref)
      throw new Error('the model card links no training dataset');
    await page.goto(
      `${new URL(datasetHref, baseUrl)
        .toString()
        .replace(/\/$/, '')}/datasheet`,
    );
    await page.getByRole('region', { name: 'Lineage' }).waitFor();
    await page.getByRole('region', { name: 'Motivation' }).waitFor();
    await shot(page, '05-datasheet');
  });

  await step('the catalog lists the demo models', async () => {
    // The catalog may be mounted at / or /catalog; follow the nav item.
    await page.goto(baseUrl);
    const catalogLink = page
      .getByRole('link', { name: 'Catalog', exact: true })
      .first();
    await catalogLink.waitFor();
    const catalogPath = new URL(
      (await catalogLink.getAttribute('href')) ?? '/catalog',
      baseUrl,
    ).pathname;
    await page.goto(
      `${baseUrl}${catalogPath.replace(
        /\/$/,
        '',
      )}?filters[kind]=mlmodel&filters[user]=all`,
    );
    await page.getByText('Affordability assessor').first().waitFor();
    await shot(page, '06-catalog-models');
  });

  await step(
    'model overview shows the ModelOps cards and the relations graph with datasets',
    async () => {
      const url = new URL(modelHref, baseUrl);
      await page.goto(url.toString());
      for (const title of [
        'Scorecard',
        'Ownership review',
        'User feedback',
        'Production changes',
        'Delivery',
      ]) {
        await page.getByText(title, { exact: true }).first().waitFor();
      }
      // The relations card labels the edge to the model's datasets with the
      // lineage relations taught to the catalog graph.
      const lineage = page.locator('svg text').filter({
        hasText: /trainingDataFor|trainedOn|evaluationDataFor|evaluatedOn/,
      });
      await lineage.first().waitFor();
      console.log(
        `     relations graph edge: ${(
          await lineage.first().textContent()
        )?.trim()}`,
      );
      await shot(page, '07-model-overview-cards');
    },
  );

  await step('ML home nav item opens the ML home page', async () => {
    // The ML home may be mounted at /ml-home or, as the portal's landing
    // page, at /: follow the nav item wherever it points.
    const home = page.getByRole('link', { name: 'ML home' }).first();
    const homePath = new URL(
      (await home.getAttribute('href')) ?? '/ml-home',
      baseUrl,
    ).pathname;
    await home.click();
    await page.waitForURL(url => url.pathname === homePath);
    await page
      .getByRole('heading', { name: 'Machine learning at a glance' })
      .first()
      .waitFor();
    await page.getByText('How we build and run models').first().waitFor();
    await page.waitForTimeout(1500);
    await shot(page, '16-ml-home');
  });

  await step(
    'scorecards page shows levels per pack, campaign progress per team and waivers',
    async () => {
      // Scorecards are evaluated hourly; evaluate now as the guest so the page
      // does not depend on when the backend last started.
      const session = await context.request.post(
        `${backendUrl}/api/auth/guest/refresh`,
      );
      const token = (await session.json()).backstageIdentity.token;
      const evaluated = await context.request.post(
        `${backendUrl}/api/modelops/scorecards/evaluate`,
        {
          headers: { authorization: `Bearer ${token}` },
          data: {},
          // The first evaluation replays the demo's history first.
          timeout: 180_000,
        },
      );
      if (!evaluated.ok())
        throw new Error(`evaluation refused: ${evaluated.status()}`);
      console.log(
        `     evaluated ${(await evaluated.json()).entities} entities`,
      );
      await page.getByRole('link', { name: 'Scorecards' }).first().click();
      await page.waitForURL(/\/scorecards/);
      await page.getByRole('heading', { name: 'Scorecards' }).first().waitFor();
      const levels = page
        .locator('[class*="MuiChip-label"]')
        .filter({ hasText: /\b(none|bronze|silver|gold)\b/ });
      await levels.first().waitFor();
      console.log(`     ${await levels.count()} level chip(s)`);
      // The page header comes first and the tab bar right below it.
      const headerBox = await page.locator('header').first().boundingBox();
      const tabsBox = await page
        .getByRole('navigation', { name: 'Scorecards sections' })
        .boundingBox();
      if (
        !headerBox ||
        !tabsBox ||
        tabsBox.y < headerBox.y + headerBox.height - 1
      ) {
        throw new Error('the tab bar is not below the page header');
      }
      await shot(page, '08-scorecards');
      // Every count opens the checks and entities behind it, filters in the URL.
      await page
        .locator('a[href*="/scorecards/results?"][href*="state=fail"]')
        .first()
        .click();
      await page.waitForURL(/\/scorecards\/results\?.*state=fail/);
      const failingRows = page
        .locator('[class*="MuiChip-label"]')
        .filter({ hasText: /^failing$/ });
      await failingRows.first().waitFor();
      console.log(
        `     drill-down lists ${await failingRows.count()} failing result(s)`,
      );
      await shot(page, '08b-scorecard-results');
      await openTab('Campaigns', /\/scorecards\/campaigns/);
      await page.getByRole('heading', { name: 'Campaigns' }).first().waitFor();
      // The demo opens campaigns on first start; each shows progress per team.
      await page
        .getByText('EU AI Act readiness for high-risk models')
        .first()
        .waitFor();
      const teamBars = page.getByRole('progressbar', { name: /progress$/ });
      await teamBars.first().waitFor();
      console.log(`     ${await teamBars.count()} team progress bar(s)`);
      // A campaign names the entities not done, per team, with their failing checks.
      await page
        .getByRole('list', { name: / not done$/ })
        .first()
        .waitFor();
      await shot(page, '09-campaigns');
      await openTab('Waiver approvals', /\/scorecards\/waivers/);
      await page.getByText('Waivers awaiting approval').first().waitFor();
      await shot(page, '10-waivers');
    },
  );

  await step(
    'reviews page shows my team, progress by team and portfolio tabs',
    async () => {
      await page.getByRole('link', { name: 'Reviews' }).first().click();
      await page.waitForURL(/\/ml-reviews/);
      await page
        .getByRole('heading', { name: 'Ownership review' })
        .first()
        .waitFor();
      await page
        .getByText(/What my teams own|Nothing to review/)
        .first()
        .waitFor();
      await shot(page, '12-reviews-my-team');
      await openTab('Progress by team', /\/ml-reviews\/progress/);
      await page
        .getByRole('heading', { name: 'Review progress' })
        .first()
        .waitFor();
      await page
        .getByText('Progress by team', { exact: true })
        .nth(1)
        .waitFor();
      await shot(page, '13-reviews-progress');
      await openTab('Portfolio', /\/ml-reviews\/portfolio/);
      await page
        .getByRole('heading', { name: 'Portfolio review' })
        .first()
        .waitFor();
      await page
        .getByText(/^Production models \(/)
        .first()
        .waitFor();
      await shot(page, '14-reviews-portfolio');
    },
  );
  await step(
    'cost page shows spend by team and model; a model cost card draws its trend chart',
    async () => {
      await page.getByRole('link', { name: 'Model cost' }).first().click();
      await page.waitForURL(/\/ml-cost/);
      await page.getByRole('heading', { name: 'Model cost' }).first().waitFor();
      const refused = page
        .getByText('Cost is visible to the owning team and finance.')
        .first();
      const byModel = page.getByText('By model', { exact: true }).first();
      await Promise.race([refused.waitFor(), byModel.waitFor()]);
      if (await refused.isVisible()) {
        await shot(page, '11-cost');
        // Cost is readable by the owning team and the finance group only.
        throw new Error(
          'the signed-in user may not read cost (member of neither the owning team nor the finance group)',
        );
      }
      const chart = page.getByRole('figure', { name: 'Monthly spend by team' });
      await chart.locator('svg.recharts-surface').first().waitFor();
      await page.waitForTimeout(500);
      await shot(page, '11-cost');
      // Open a model the user may read the cost of: the first one listed by
      // model (its link goes to the entity page).
      const byModelTable = page
        .locator('table')
        .filter({ has: page.getByText('Per 1k inferences') });
      const href = await byModelTable
        .locator('tbody a[href*="/mlmodel/"]')
        .first()
        .getAttribute('href');
      if (!href) throw new Error('the cost page lists no model');
      await page.goto(new URL(href, baseUrl).toString());
      const costCard = page
        .locator('[class*="MuiCard-root"]')
        .filter({ has: page.getByText('Cost', { exact: true }) })
        .filter({ hasText: /Last \d+ months/ });
      await costCard.locator('svg.recharts-surface').first().waitFor();
      console.log(`     cost chart of ${href.split('/').pop()}`);
      await shot(page, '15-model-cost-card');
    },
  );

  await step(
    'a model the user may not read the cost of gets a calm note in its cost card',
    async () => {
      // The demo's search ranker belongs to the search relevance team, which
      // the guest is not a member of.
      await page.goto(
        new URL(
          modelHref.replace(/[^/]+\/?$/, 'search-ranker'),
          baseUrl,
        ).toString(),
      );
      const costCard = page
        .locator('[class*="MuiCard-root"]')
        .filter({ has: page.getByText('Cost', { exact: true }) })
        .filter({ hasText: 'Cost is visible to the owning team and finance.' });
      await costCard.first().waitFor();
      if (await page.getByText(/Request failed with 403/).count()) {
        throw new Error('a raw 403 error is shown on the model page');
      }
      await shot(page, '17-model-cost-card-not-allowed');
    },
  );

  await step(
    'a user reports a problem with a model and its owning team acknowledges it',
    async () => {
      // The guest belongs to Risk ML, which owns the credit risk scorer.
      await page.goto(
        new URL(
          modelHref.replace(/[^/]+\/?$/, 'credit-risk-scorer'),
          baseUrl,
        ).toString(),
      );
      const feedback = card('User feedback');
      await feedback.getByRole('button', { name: 'Report a problem' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Category').click();
      await page.getByRole('option', { name: 'Bias concern' }).click();
      const text = `Declines cluster on applicants with short credit histories (report ${runId})`;
      await dialog.getByRole('textbox', { name: 'What happened' }).fill(text);
      await shot(page, '18-feedback-report');
      await dialog.getByRole('button', { name: 'Send report' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const report = feedback.getByRole('listitem').filter({ hasText: text });
      await report.getByText('Bias concern', { exact: true }).waitFor();
      await report.getByText('Open', { exact: true }).waitFor();
      await shotOf(feedback, '19-feedback-open');
      await report.getByRole('button', { name: 'Acknowledge' }).click();
      await report.getByText('Acknowledged', { exact: true }).waitFor();
      if (await report.getByText('Open', { exact: true }).count()) {
        throw new Error('the report still reads open after acknowledging it');
      }
      await report.getByRole('button', { name: 'Resolve' }).waitFor();
      await shotOf(feedback, '20-feedback-acknowledged');
    },
  );

  await step(
    'a promotion request with evidence waits for another reviewer; the requester may not approve it',
    async () => {
      const changes = card('Production changes');
      await changes.scrollIntoViewIfNeeded();
      await changes.getByRole('button', { name: 'Request a change' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Promote a version to production').waitFor();
      const version = `4.3.0-rc.${runId}`;
      await dialog
        .getByRole('textbox', { name: 'Model version' })
        .fill(version);
      const evidence = `https://ci.example.com/credit-risk-scorer/evaluations/${runId}`;
      await dialog
        .getByRole('textbox', { name: 'Evidence links' })
        .fill(evidence);
      await dialog
        .getByRole('textbox', { name: 'Reason' })
        .fill(
          'AUC 0.82 on the 2024 H2 holdout, above the 0.78 threshold; fairness gaps unchanged.',
        );
      await shot(page, '21-change-request');
      await dialog.getByRole('button', { name: 'Request approval' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const request = changes
        .getByRole('listitem')
        .filter({ hasText: `Promote to ${version}` });
      await request.getByText('pending', { exact: true }).waitFor();
      await request.getByRole('link', { name: evidence }).waitFor();
      // The requester is offered no decision on their own request.
      await request.getByText('Waiting for another reviewer').waitFor();
      if (
        await request.getByRole('button', { name: /Approve|Reject/ }).count()
      ) {
        throw new Error('the requester is offered to decide their own request');
      }
      await shotOf(changes, '22-change-pending');
      // And the backend refuses it when asked directly.
      const list = await asGuest(
        'GET',
        `/api/modelops/changes?entityRef=${encodeURIComponent(
          'mlmodel:default/credit-risk-scorer',
        )}`,
      );
      const change = (await list.json()).items.find(
        c => c.modelVersion === version,
      );
      if (!change)
        throw new Error('the change request is not listed by the backend');
      const approved = await asGuest(
        'POST',
        `/api/modelops/changes/${change.id}/approve`,
        {},
      );
      if (approved.status() !== 403) {
        throw new Error(
          `the requester's approval was answered ${approved.status()}, not 403`,
        );
      }
      console.log(
        `     own approval refused: ${(await approved.json()).error?.message}`,
      );
    },
  );

  // The personas after this point each sign in in a browser of their own.
  let boardPage;

  await step(
    'a member of the AI review board approves the promotion the engineer requested',
    async () => {
      boardPage = await personaPage(PERSONAS.board);
      await boardPage.goto(
        new URL(
          modelHref.replace(/[^/]+\/?$/, 'credit-risk-scorer'),
          baseUrl,
        ).toString(),
      );
      const changes = boardPage.locator('[class*="MuiCard-root"]').filter({
        has: boardPage.getByText('Production changes', { exact: true }),
      });
      const version = `4.3.0-rc.${runId}`;
      const request = changes
        .getByRole('listitem')
        .filter({ hasText: `Promote to ${version}` });
      // The board member may not request changes of a model Risk ML owns.
      if (
        await changes.getByRole('button', { name: 'Request a change' }).count()
      ) {
        throw new Error('a non-owner is offered to request a change');
      }
      await request.getByRole('button', { name: 'Approve' }).click();
      await request.getByText('approved', { exact: true }).waitFor();
      await request.getByRole('link', { name: 'Margaret Osei' }).waitFor();
      await shotOf(changes, '22b-change-approved-by-board');
    },
  );

  await step(
    'the engineer requests a waiver of a failing check and the review board member approves it',
    async () => {
      // A Risk ML model with a failing check that has no waiver yet; the
      // scorecards were evaluated by an earlier step.
      const models = await (
        await asPersona(
          PERSONAS.engineer,
          'GET',
          `/api/catalog/entities/by-query?filter=${encodeURIComponent(
            'kind=mlmodel,spec.owner=group:default/risk-ml',
          )}&limit=50`,
        )
      ).json();
      let target;
      for (const model of models.items) {
        const ref = `mlmodel:default/${model.metadata.name}`;
        const card = await (
          await asPersona(
            PERSONAS.engineer,
            'GET',
            `/api/modelops/scorecards/entity?entityRef=${encodeURIComponent(
              ref,
            )}`,
          )
        ).json();
        const waived = new Set(
          (card.waivers ?? [])
            .filter(w => w.status === 'pending' || w.status === 'approved')
            .map(w => w.checkId),
        );
        const failing = (card.results ?? []).find(
          r => r.effectiveState === 'fail' && !waived.has(r.checkId),
        );
        if (failing) {
          target = { name: model.metadata.name, ref, check: failing };
          break;
        }
      }
      if (!target) {
        throw new Error('no Risk ML model has a failing check left to waive');
      }
      console.log(`     waiver of ${target.check.checkId} on ${target.name}`);
      const scorecardUrl = new URL(
        modelHref.replace(/[^/]+\/?$/, `${target.name}/scorecard`),
        baseUrl,
      ).toString();
      await page.goto(scorecardUrl);
      const row = page
        .getByRole('listitem')
        .filter({ hasText: target.check.check.title })
        .filter({ has: page.getByRole('button', { name: 'Request waiver' }) })
        .first();
      await row.getByRole('button', { name: 'Request waiver' }).click();
      const dialog = page.getByRole('dialog');
      const reason = `Runbook review booked with the on-call team for next sprint (waiver ${runId})`;
      await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
      await shot(page, '29-waiver-request');
      await dialog.getByRole('button', { name: 'Request waiver' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const waivers = page.getByRole('list', { name: 'Waivers' });
      const mine = waivers.getByRole('listitem').filter({ hasText: reason });
      await mine
        .getByText(
          'Your request: another member of the review board approves it',
        )
        .waitFor();
      await shotOf(mine, '30-waiver-requested');

      // The engineer follows the request in the approval queue, without
      // being offered a decision.
      await page.goto(`${baseUrl}/scorecards/waivers`);
      const queued = page
        .getByRole('list', { name: 'Pending waivers' })
        .getByRole('listitem')
        .filter({ hasText: reason });
      await queued.waitFor();
      if (
        await queued.getByRole('button', { name: /Approve|Reject/ }).count()
      ) {
        throw new Error('the engineer is offered to decide a waiver');
      }
      await page
        .getByText(
          'The review board approves or rejects these requests; you can follow them here',
        )
        .waitFor();
      await shot(page, '31-waivers-as-engineer');

      // The board member approves it from the same queue.
      await boardPage.goto(`${baseUrl}/scorecards/waivers`);
      const pending = boardPage
        .getByRole('list', { name: 'Pending waivers' })
        .getByRole('listitem')
        .filter({ hasText: reason });
      await pending.getByRole('link', { name: 'Tomáš Novák' }).waitFor();
      await shot(boardPage, '32-waivers-as-board');
      await pending.getByRole('button', { name: 'Approve' }).click();
      await pending.waitFor({ state: 'detached' });

      const decided = (
        await (
          await asPersona(
            PERSONAS.board,
            'GET',
            `/api/modelops/scorecards/waivers?entityRef=${encodeURIComponent(
              target.ref,
            )}`,
          )
        ).json()
      ).items.find(w => w.reason === reason);
      if (
        decided?.status !== 'approved' ||
        decided.decidedBy !== PERSONAS.board.ref ||
        decided.requestedBy !== PERSONAS.engineer.ref
      ) {
        throw new Error(
          `the waiver reads ${decided?.status} by ${decided?.decidedBy}, requested by ${decided?.requestedBy}`,
        );
      }

      // Back on the model, the engineer sees it approved and the check
      // waived.
      await page.goto(scorecardUrl);
      const approved = page
        .getByRole('list', { name: 'Waivers' })
        .getByRole('listitem')
        .filter({ hasText: reason });
      await approved
        .getByText(`${target.check.check.title}: Approved`)
        .waitFor();
      await approved.getByRole('link', { name: 'Margaret Osei' }).waitFor();
      await shotOf(approved, '33-waiver-approved');
    },
  );

  await step(
    'FinOps sees the cost of every team; the engineer only their own',
    async () => {
      const teamsOf = async target => {
        await target.goto(`${baseUrl}/ml-cost`);
        const byTeam = target
          .locator('[class*="MuiPaper-root"]')
          .filter({ has: target.getByRole('heading', { name: 'By team' }) })
          .last();
        // Teams are links that show their display names once the catalog
        // answers; both personas see Risk ML.
        await byTeam
          .locator('tbody tr a')
          .filter({ hasText: 'Risk ML' })
          .waitFor();
        return (await byTeam.locator('tbody tr a').allInnerTexts()).map(t =>
          t.trim(),
        );
      };
      const finopsPage = await personaPage(PERSONAS.finops);
      const everyTeam = await teamsOf(finopsPage);
      await shotWhole(finopsPage, '34-cost-as-finops');
      for (const team of [
        'Risk ML',
        'Fraud ML',
        'Growth ML',
        'GenAI Platform',
      ]) {
        if (!everyTeam.includes(team)) {
          throw new Error(
            `FinOps does not see ${team}'s cost (sees ${everyTeam.join(', ')})`,
          );
        }
      }
      const ownTeam = await teamsOf(page);
      if (ownTeam.length !== 1 || ownTeam[0] !== 'Risk ML') {
        throw new Error(
          `the engineer sees the cost of ${ownTeam.join(
            ', ',
          )}, not Risk ML alone`,
        );
      }
      console.log(
        `     FinOps sees ${
          everyTeam.length
        } teams, the engineer ${ownTeam.join(', ')}`,
      );
      await finopsPage.context().close();
    },
  );

  await step(
    "FinOps imports a FOCUS export in two parts: the dry run and the import show the file's sums, and re-importing doubles nothing",
    async () => {
      // Two days of a month three months back, split into two parts as
      // large exports are delivered; the second part repeats the header,
      // starts with a byte order mark and holds spend no tag maps.
      const month = new Date();
      month.setUTCDate(1);
      month.setUTCMonth(month.getUTCMonth() - 3);
      const ym = month.toISOString().slice(0, 7);
      const header =
        'ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ServiceName,ResourceId,Tags';
      const tags = ref =>
        ref ? `"{""modelops.dev/entity"": ""${ref}""}"` : '';
      const line = (day, cost, ref) =>
        `${ym}-${day}T00:00:00Z,${ym}-${day}T23:59:59Z,${cost},${cost},USD,Usage,Amazon SageMaker,arn:aws:sagemaker:us-east-1:1:endpoint/e2e-${runId},${tags(
          ref,
        )}`;
      const SCORER = 'mlmodel:default/credit-risk-scorer';
      const parts = [
        {
          name: `focus-e2e-${runId}-00001.csv`,
          mimeType: 'text/csv',
          buffer: Buffer.from(`${header}\n${line('11', '12.50', SCORER)}\n`),
        },
        {
          name: `focus-e2e-${runId}-00002.csv`,
          mimeType: 'text/csv',
          buffer: Buffer.from(
            `\uFEFF${header}\n${line('12', '7.25', SCORER)}\n${line(
              '12',
              '3.00',
            )}`,
          ),
        },
      ];
      const scorerMonth = async () => {
        const res = await asPersona(
          PERSONAS.finops,
          'GET',
          `/api/modelops/cost/entity?entityRef=${SCORER}&months=6`,
        );
        if (!res.ok())
          throw new Error(`the cost route answered ${res.status()}`);
        return (await res.json()).months.find(m => m.month === ym)?.total ?? 0;
      };
      const finopsPage = await personaPage(PERSONAS.finops);
      await finopsPage.goto(`${baseUrl}/ml-cost`);
      // The innermost card holding the title: the upload card itself.
      const card = finopsPage
        .locator('[class*="MuiCard-root"]')
        .filter({
          has: finopsPage.getByText('Import a billing export', { exact: true }),
        })
        .last();
      // A figure of the report: its caption and, below, its value.
      const figure = label =>
        card.getByText(label, { exact: true }).first().locator('xpath=..');
      const importOnce = async () => {
        await card.getByTestId('cost-import-file').setInputFiles(parts);
        await card
          .getByText(
            `Dry run of ${parts[0].name} and 1 more part: nothing has been written`,
          )
          .waitFor();
        for (const [label, value] of [
          ['Mapped', '$19.75'],
          ['Unmapped', '$3.00'],
          ['Total', '$22.75'],
        ]) {
          const shown = await figure(label).innerText();
          if (!shown.includes(value)) {
            throw new Error(
              `the dry run shows ${label} ${shown.replace(
                /\s+/g,
                ' ',
              )}, not ${value}`,
            );
          }
        }
        const replaces = await card
          .getByText(/earlier records of focus/)
          .count();
        await card
          .getByRole('button', { name: /^Import \d+ daily records/ })
          .click();
        await card.getByText(/^Imported \d+ daily records of focus/).waitFor();
        return replaces > 0;
      };
      const before = await scorerMonth();
      const replacedEarlierRun = await importOnce();
      await shotWhole(finopsPage, '35-cost-import-as-finops');
      const after = await scorerMonth();
      await finopsPage.goto(`${baseUrl}/ml-cost`);
      if (!(await importOnce())) {
        throw new Error('the second import does not say it replaces the first');
      }
      const again = await scorerMonth();
      if (Math.abs(again - after) > 0.005) {
        throw new Error(
          `re-importing changed ${ym} of the credit risk scorer from ${after} to ${again}`,
        );
      }
      // The file adds its mapped sum to the month, unless a run against the
      // same database imported these days already: then it replaces them.
      const added = replacedEarlierRun ? 0 : 19.75;
      if (Math.abs(after - before - added) > 0.005) {
        throw new Error(
          `${ym} of the credit risk scorer went from ${before} to ${after}, not by ${added}`,
        );
      }
      console.log(
        `     ${ym} of the credit risk scorer: ${before} before, ${after} after the import, ${again} after re-importing`,
      );
      await finopsPage.context().close();
    },
  );

  // Every ML page, as the engineer and as the review board member, at
  // 1280 px: each must load without a raw entity ref or ISO duration in
  // its text.
  const mlPages = [
    ['ml-home', '/', 'Machine learning at a glance'],
    ['ml-models', '/ml-models', 'ML models'],
    ['scorecards', '/scorecards', 'Scorecards by pack'],
    ['campaigns', '/scorecards/campaigns', 'Campaigns'],
    ['waivers', '/scorecards/waivers', 'Waivers awaiting approval'],
    ['cost', '/ml-cost', 'Model cost'],
    ['reviews-my-team', '/ml-reviews', 'Ownership review'],
    ['reviews-progress', '/ml-reviews/progress', 'Review progress'],
    ['reviews-portfolio', '/ml-reviews/portfolio', 'Portfolio review'],
    ['compliance', '/ml-compliance', 'Compliance'],
    ['model', '/catalog/default/mlmodel/credit-risk-scorer', 'Operations'],
    [
      'model-card',
      '/catalog/default/mlmodel/credit-risk-scorer/model-card',
      'Model details',
    ],
    [
      'model-scorecard',
      '/catalog/default/mlmodel/credit-risk-scorer/scorecard',
      'Scorecard',
    ],
    [
      'model-compliance',
      '/catalog/default/mlmodel/credit-risk-scorer/compliance',
      'Compliance',
    ],
    ['dataset', '/catalog/default/dataset/credit-features', 'About'],
    [
      'datasheet',
      '/catalog/default/dataset/credit-features/datasheet',
      'Lineage',
    ],
  ];
  for (const [persona, personaName] of [
    [PERSONAS.engineer, 'engineer'],
    [PERSONAS.board, 'board'],
  ]) {
    await step(
      `every ML page reads in words at 1280 px as the ${personaName}`,
      async () => {
        const target = persona === PERSONAS.engineer ? page : boardPage;
        const problems = [];
        for (const [name, path, landmark] of mlPages) {
          await target.goto(`${baseUrl}${path}`);
          await target.getByText(landmark).first().waitFor();
          // Cards load their data after the page: wait for the spinners.
          await target
            .locator('[role="progressbar"]:not([aria-valuenow])')
            .first()
            .waitFor({ state: 'detached', timeout: 15_000 })
            .catch(() => undefined);
          await target.waitForTimeout(1500);
          await shotWhole(target, `1280-${personaName}-${name}`);
          const found = readerProblems(await visibleText(target));
          if (found.length > 0) problems.push(`${path}: ${found.join(', ')}`);
        }
        if (problems.length > 0) {
          throw new Error(`raw refs or durations on ${problems.join('; ')}`);
        }
      },
    );
  }

  await step(
    'the new model project template runs to the local folder and lists its output',
    async () => {
      await page.goto(`${baseUrl}/create`);
      const template = page
        .locator('[class*="MuiCard-root"]')
        .filter({ hasText: 'New governed ML model project' });
      await template.getByRole('button', { name: 'Choose' }).click();
      const name = `e2e-scorer-${runId}`;
      await page.getByRole('textbox', { name: 'Name' }).first().fill(name);
      await pick(page.locator('input#root_owner'), 'Risk', /Risk ML/);
      await pick(
        page.locator('input#root_system'),
        'Lending',
        /Lending platform/,
      );
      await shot(page, '23-template-model');
      await page.getByRole('button', { name: 'Next' }).click();
      await pick(
        page.locator('input#root_trainedOn'),
        'Credit',
        /Credit features/,
      );
      await page
        .getByRole('textbox', { name: /Primary use/ })
        .fill('Rank loan applications for manual review.');
      await shot(page, '24-template-data');
      await page.getByRole('button', { name: 'Next' }).click();
      // A chatbot-like duty of transparency puts the model in the limited tier.
      await page
        .getByRole('checkbox', { name: /Interacts directly with people/ })
        .check();
      await page
        .getByText(/limited/i)
        .first()
        .waitFor();
      // Human oversight has no default: how people oversee the model is
      // for its owner to state, not for the template to assume.
      await page.locator('#root_humanOversight').click();
      await page.getByRole('option', { name: 'human-in-the-loop' }).click();
      await shot(page, '25-template-risk');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Next' }).click();
      // Publish: the local folder is the default target.
      await page
        .getByText(/Local folder/)
        .first()
        .waitFor();
      await page.getByRole('button', { name: /Review|Next/ }).click();
      await shot(page, '26-template-review');
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL(/\/create\/tasks\//);
      const taskId = page.url().split('/').pop();
      // The output's text sections appear once the task has finished.
      await page
        .getByRole('button', { name: 'Local output', exact: true })
        .waitFor({ timeout: 120_000 });
      // The task's status is written just after its output: poll briefly.
      let status;
      for (let i = 0; i < 20; i++) {
        status = (
          await (
            await asGuest('GET', `/api/scaffolder/v2/tasks/${taskId}`)
          ).json()
        ).status;
        if (status !== 'processing' && status !== 'open') break;
        await page.waitForTimeout(500);
      }
      if (status !== 'completed') throw new Error(`the task ended ${status}`);
      await page
        .getByText(/limited\s+under the EU AI Act/)
        .first()
        .waitFor();
      await shot(page, '27-template-result');
      await page
        .getByRole('button', { name: 'Local output', exact: true })
        .click();
      await page
        .getByText(new RegExp(`Written to .*${name}`))
        .first()
        .waitFor();
      await shot(page, '28-template-local-output');
      const entity = await readFile(
        `${scaffoldedDir}/${name}/catalog-info.yaml`,
        'utf8',
      );
      if (!entity.includes(`name: ${name}`) || !/tier: limited/.test(entity)) {
        throw new Error(
          'the written catalog-info.yaml does not describe the new model and its tier',
        );
      }
      // Nothing operational is declared before it exists.
      if (/^ {2}(fallback|deployment|monitoring):/m.test(entity)) {
        throw new Error(
          'the new project declares operational fields it does not have yet',
        );
      }
      const assessment = await readFile(
        `${scaffoldedDir}/${name}/RISK_ASSESSMENT.md`,
        'utf8',
      );
      if (!/limited/i.test(assessment)) {
        throw new Error('RISK_ASSESSMENT.md does not state the limited tier');
      }
      console.log(`     project written to ${scaffoldedDir}/${name}`);
    },
  );

  await step('no React warnings from ModelOps components', async () => {
    if (ourWarnings.size > 0) {
      throw new Error(
        `${ourWarnings.size} warning(s): ${[...ourWarnings].join(' | ')}`,
      );
    }
  });
} catch {
  await shot(page, 'failure').catch(() => undefined);
  process.exitCode = 1;
} finally {
  if (pageErrors.length > 0) {
    console.log(`page errors:\n  ${pageErrors.join('\n  ')}`);
  }
  await browser.close();
  const passed = results.filter(r => r.ok).length;
  console.log(
    `\n${passed}/${results.length} steps passed; screenshots in e2e-screenshots/`,
  );
}
