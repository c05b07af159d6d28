import { join } from 'node:path';
import { runDemo } from '../../src/generate/demo.js';
import { ensureDashboardBuilt } from '../../src/web/dashboard/build.js';
import { launchBrowser } from './browser.js';
import { startTestCollector } from './collector.js';
import { PROJECT_ROOT } from './shared.js';

/** The README's screenshots, from demo data (see scripts/dashboard-screenshots.mjs). */
export async function takeDashboardScreenshots(): Promise<void> {
  await ensureDashboardBuilt();
  const collector = await startTestCollector();
  const browser = await launchBrowser();
  try {
    await runDemo({ ingestUrl: collector.ingestUrl! });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    for (const [id, file] of [['overview', 'overview.png'], ['http', 'http-traffic.png']] as const) {
      await page.goto(`${collector.apiUrl}/#/${id}?range=24h`);
      await page.waitForSelector(`[data-page="${id}"][data-page-state=ready]`, { timeout: 60_000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(PROJECT_ROOT, 'docs', 'images', file), fullPage: true });
      process.stdout.write(`wrote docs/images/${file}\n`);
    }
  } finally {
    await browser.close();
    await collector.dispose();
  }
}
