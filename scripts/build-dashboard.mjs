#!/usr/bin/env node
// Builds the dashboard's browser bundle into dist/dashboard/ (run by `npm install` through `prepare`).
// Works offline: esbuild and every front-end library come from node_modules.
import { register } from 'tsx/esm/api';
register();
const { buildDashboard } = await import('../src/web/dashboard/build.ts');
const { dir, bytes } = await buildDashboard();
process.stdout.write(`dashboard built in ${dir} (${Math.round(bytes / 1024)} KiB)\n`);
