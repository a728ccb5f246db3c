// Browser check of a stock app with the ModelOps packages installed: signs in
// as guest, finds the model on the ML models page, opens its model card and,
// after one scorecard evaluation, its scorecard tab. Prints one line per step
// and "<passed>/<run> steps passed"; exits non-zero when a step fails.
//
//   ADOPTER_APP_URL=... ADOPTER_BACKEND_URL=... node browserCheck.mjs <screenshot dir>
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const appUrl = process.env.ADOPTER_APP_URL.replace(/\/$/, '');
const backendUrl = process.env.ADOPTER_BACKEND_URL.replace(/\/$/, '');
const shots = process.argv[2];
mkdirSync(shots, { recursive: true });
const TIMEOUT = 90_000;
const MODEL = 'fraud-scorer';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const context = await browser.newContext({
  viewport: { width: 1400, height: 1000 },
});
context.setDefaultTimeout(TIMEOUT);
const page = await context.newPage();

let passed = 0;
let run = 0;
async function step(name, fn) {
  run += 1;
  try {
    await fn();
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (error) {
    console.log(`FAIL ${name}: ${error.message.split('\n')[0]}`);
    await page
      .screenshot({ path: join(shots, `failed-${run}.png`) })
      .catch(() => {});
    throw error;
  }
}

async function guestToken() {
  const session = await context.request.post(
    `${backendUrl}/api/auth/guest/refresh`,
    {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    },
  );
  return (await session.json()).backstageIdentity.token;
}

// The catalog reads the location shortly after start.
async function waitForModel() {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    const response = await context.request.get(
      `${backendUrl}/api/catalog/entities/by-name/mlmodel/default/${MODEL}`,
      { headers: { authorization: `Bearer ${await guestToken()}` } },
    );
    if (response.ok()) return;
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`the catalog never listed mlmodel:default/${MODEL}`);
}

let modelUrl;
try {
  await step('sign in as guest', async () => {
    await waitForModel();
    await page.goto(appUrl);
    // The new-system app shows the guest provider's "Enter" button; the
    // legacy app signs the guest in on its own.
    const enter = page.getByRole('button', { name: 'Enter' });
    const nav = page.getByRole('link', { name: 'ML models' }).first();
    await Promise.race([enter.waitFor(), nav.waitFor()]);
    if (await enter.isVisible()) await enter.click();
    await nav.waitFor();
  });

  await step('ML models page lists the model', async () => {
    await page.getByRole('link', { name: 'ML models' }).first().click();
    await page.waitForURL(/\/ml-models/);
    const link = page.locator('table[aria-label="ML models"] tbody a', {
      hasText: 'Fraud scorer',
    });
    await link.first().waitFor();
    modelUrl = new URL(await link.first().getAttribute('href'), appUrl)
      .toString()
      .replace(/\/$/, '');
    await page.screenshot({ path: join(shots, '1-ml-models.png') });
  });

  await step('model card renders its sections', async () => {
    await page.goto(`${modelUrl}/model-card`);
    for (const region of [
      'Model details',
      'Intended use',
      'Training data',
      'Caveats and recommendations',
    ]) {
      await page.getByRole('region', { name: region }).waitFor();
    }
    await page.screenshot({ path: join(shots, '2-model-card.png') });
  });

  await step('scorecard tab shows levels after an evaluation', async () => {
    const evaluated = await context.request.post(
      `${backendUrl}/api/modelops/scorecards/evaluate`,
      {
        headers: { authorization: `Bearer ${await guestToken()}` },
        data: {},
      },
    );
    if (!evaluated.ok())
      throw new Error(
        `evaluation refused: ${evaluated.status()} ${await evaluated.text()}`,
      );
    await page.goto(`${modelUrl}/scorecard`);
    const levels = page
      .locator('[class*="MuiChip-label"]')
      .filter({ hasText: /\b(none|bronze|silver|gold)\b/ });
    await levels.first().waitFor();
    console.log(`     ${await levels.count()} level chip(s)`);
    await page.screenshot({ path: join(shots, '3-scorecard.png') });
  });
} catch {
  // The failing step has been reported; the summary follows.
} finally {
  await browser.close();
}
console.log(`${passed}/${run} steps passed`);
process.exit(passed === run ? 0 : 1);
