import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DASHBOARD_DIST } from './static.js';

/**
 * Builds the browser bundle into dist/dashboard/ (git-ignored): one ES module with the app, ECharts,
 * d3-geo and topojson-client, the stylesheet, the page, and world-atlas's country shapes. It runs at
 * install time (`prepare`) and needs no network: everything comes from node_modules.
 *
 * Files are built in a staging folder and renamed into place one by one, so a server (or a test
 * running beside another) never reads a half-written file.
 */
const CLIENT = join(dirname(fileURLToPath(import.meta.url)), 'client');
const require = createRequire(import.meta.url);

export async function buildDashboard(options: { minify?: boolean } = {}): Promise<{ dir: string; bytes: number }> {
  const staging = `${DASHBOARD_DIST}.staging-${process.pid}-${Date.now()}`;
  const assets = join(staging, 'assets');
  await mkdir(assets, { recursive: true });
  try {
    const result = await build({
      entryPoints: [join(CLIENT, 'main.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
      minify: options.minify ?? true,
      sourcemap: true,
      outfile: join(assets, 'app.js'),
      legalComments: 'linked',
      metafile: true,
      logLevel: 'silent',
    });
    await copyFile(join(CLIENT, 'styles.css'), join(assets, 'app.css'));
    await copyFile(join(CLIENT, 'index.html'), join(staging, 'index.html'));
    await copyFile(require.resolve('world-atlas/countries-110m.json'), join(assets, 'countries-110m.json'));
    await mkdir(join(DASHBOARD_DIST, 'assets'), { recursive: true });
    for (const name of await readdir(assets)) await rename(join(assets, name), join(DASHBOARD_DIST, 'assets', name));
    await rename(join(staging, 'index.html'), join(DASHBOARD_DIST, 'index.html'));
    const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
    return { dir: DASHBOARD_DIST, bytes };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

/** Builds the bundle unless it is newer than every source of the dashboard (for tests and `serve` in a checkout). */
export async function ensureDashboardBuilt(): Promise<void> {
  const built = await stat(join(DASHBOARD_DIST, 'assets', 'app.js')).then((s) => s.mtimeMs, () => 0);
  if (built < (await newestSource(dirname(CLIENT)))) await buildDashboard();
}
