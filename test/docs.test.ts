/** The docs stay true: every error code is documented, the configuration reference matches the schema. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { configReference } from '../src/config/reference.js';
import { ERROR_CODES } from '../src/errors.js';
import { PROJECT_ROOT } from './support/shared.js';

it('documents every error code in the README', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const missing = Object.keys(ERROR_CODES).filter((code) => !readme.includes(`\`${code}\``));
  assert.deepEqual(missing, []);
});

it('has docs/configuration.md generated from the current schema (run `logpush config-reference > docs/configuration.md`)', () => {
  assert.equal(readFileSync(join(PROJECT_ROOT, 'docs', 'configuration.md'), 'utf8'), configReference());
});

it('keeps the README quick start: npm install && npm start, and npm test', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  assert.match(readme, /npm install && npm start/);
  assert.match(readme, /npm test/);
});
