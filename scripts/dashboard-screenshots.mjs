#!/usr/bin/env node
// Regenerates docs/images/overview.png and docs/images/http-traffic.png: a collector on a temporary store,
// filled by the demo through its ingest endpoint, photographed in headless Chromium (/usr/bin/chromium).
import { register } from 'tsx/esm/api';
register();
const { takeDashboardScreenshots } = await import('../test/support/screenshots.ts');
await takeDashboardScreenshots();
