// End-to-end checks of the ModelOps pages in a real browser. The portal must
// already be running (frontend and backend); this script never starts servers.
//
//   E2E_BASE_URL=http://localhost:3000 node e2e-tests/run.mjs
//
// Screenshots go to e2e-screenshots/ (git-ignored). Exits non-zero on failure.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

const baseUrl = (process.env.E2E_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const executablePath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const screenshotDir = resolve(process.cwd(), 'e2e-screenshots');
const TIMEOUT = 60_000;

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

async function shot(page, name) {
  await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
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
const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
const page = await context.newPage();
page.setDefaultTimeout(TIMEOUT);
const pageErrors = [];
page.on('pageerror', error => pageErrors.push(error.message));

let modelHref;
let datasetHref;
try {
  await step('sign in as guest', async () => {
    await page.goto(baseUrl);
    // Apps with a sign-in page offer the guest provider's "Enter" button;
    // apps without one sign guests in directly and show the sidebar.
    const enter = page.getByRole('button', { name: 'Enter' });
    const sidebar = page.getByRole('link', { name: 'ML models' }).first();
    await Promise.race([enter.waitFor(), sidebar.waitFor()]);
    if (await enter.isVisible()) {
      await enter.click();
    }
    await sidebar.waitFor();
  });

  await step('ML models nav item opens the model catalog', async () => {
    await page.getByRole('link', { name: 'ML models' }).first().click();
    await page.waitForURL(/\/ml-models/);
    const table = page.getByRole('table', { name: 'ML models' });
    await table.waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('table[aria-label="ML models"] tbody a').length > 0,
      undefined,
      { timeout: TIMEOUT },
    );
    const rows = await table.locator('tbody tr').count();
    if (rows < 1) throw new Error('no models listed');
    await shot(page, '01-model-catalog');
    modelHref = await table.locator('tbody tr a').first().getAttribute('href');
  });

  await step('search narrows the model catalog on the server', async () => {
    const firstName = (await page.locator('table[aria-label="ML models"] tbody tr a').first().innerText()).trim();
    await page.getByRole('textbox', { name: 'Search models' }).fill(firstName.slice(0, 6));
    await page.waitForTimeout(800);
    await page.locator('table[aria-label="ML models"] tbody tr a').first().waitFor();
    await shot(page, '02-model-catalog-search');
  });

  await step('model card renders its sections and charts', async () => {
    const url = new URL(modelHref, baseUrl);
    await page.goto(`${url.toString().replace(/\/$/, '')}/model-card`);
    await page.getByRole('region', { name: 'Model details' }).waitFor();
    await page.getByRole('region', { name: 'Caveats and recommendations' }).waitFor();
    // Charts are lazy; wait for one recharts SVG if the model has evidence.
    const charts = page.locator('figure[data-testid="modelops-chart"] svg.recharts-surface');
    await charts.first().waitFor({ timeout: TIMEOUT });
    console.log(`     ${await charts.count()} chart(s) rendered`);
    await shot(page, '03-model-card');
    datasetHref = await page
      .getByRole('region', { name: 'Training data' })
      .locator('a')
      .first()
      .getAttribute('href');
  });

  await step('model overview shows the operations card, about card and relations', async () => {
    const url = new URL(modelHref, baseUrl);
    await page.goto(url.toString());
    await page.getByText('Operations', { exact: true }).first().waitFor();
    await page.getByText('About', { exact: true }).first().waitFor();
    await shot(page, '04-model-overview');
  });

  await step('datasheet renders for a dataset', async () => {
    if (!datasetHref) throw new Error('the model card links no training dataset');
    await page.goto(`${new URL(datasetHref, baseUrl).toString().replace(/\/$/, '')}/datasheet`);
    await page.getByRole('region', { name: 'Lineage' }).waitFor();
    await page.getByRole('region', { name: 'Motivation' }).waitFor();
    await shot(page, '05-datasheet');
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
  console.log(`\n${passed}/${results.length} steps passed; screenshots in e2e-screenshots/`);
}
