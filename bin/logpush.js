#!/usr/bin/env -S node --max-old-space-size=384
// Runs the TypeScript sources directly through tsx's loader, so the checkout needs no build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/index.ts');
await main(process.argv.slice(2));
