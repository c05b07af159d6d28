/** Configuration: file < environment < flags, strict keys, every problem reported at once, secrets redacted. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, redactConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { tempDir } from '../support/collector.js';

function withFile(text: string, run: (file: string) => void) {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'config.yaml');
    writeFileSync(file, text);
    run(file);
  } finally {
    dir.remove();
  }
}

function problems(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
}

describe('configuration', () => {
  it('does something useful with no file at all: localhost listeners, store under ./data', () => {
    const config = loadConfig({ env: {} });
    assert.equal(config.http.listen_address, '127.0.0.1');
    assert.equal(config.http.listen_port, 9560);
    assert.equal(config.api.listen_address, '127.0.0.1');
    assert.equal(config.api.listen_port, 9561);
    assert.equal(config.data_dir, './data');
    assert.equal(config.datasets.http_request.preserve_original_event, false);
  });

  it('rejects a misspelt key and names its path', () => {
    withFile('http:\n  listen_prot: 9000\n', (file) => {
      assert.match(problems(() => loadConfig({ file, env: {} })), /Unrecognized key: "listen_prot"\n\s+→ at http/);
    });
  });

  it('reports every problem at once, each with its path', () => {
    withFile('http:\n  listen_port: "x"\ndatasets:\n  http_requets: {}\nlog_level: loud\n', (file) => {
      const message = problems(() => loadConfig({ file, env: {} }));
      assert.match(message, /→ at http\.listen_port/);
      assert.match(message, /Unrecognized key: "http_requets"\n\s+→ at datasets/);
      assert.match(message, /→ at log_level/);
    });
  });

  it('lets the environment override the file and flags override both', () => {
    withFile('http:\n  listen_port: 9000\n  secret_header: X-Secret\n', (file) => {
      const env = { LOGPUSH_HTTP__LISTEN_PORT: '9100', LOGPUSH_SECRET_VALUE: 'from-env', LOGPUSH_DATA_DIR: '/tmp/x' };
      assert.equal(loadConfig({ file, env }).http.listen_port, 9100);
      assert.equal(loadConfig({ file, env }).http.secret_value, 'from-env');
      assert.equal(loadConfig({ file, env }).data_dir, '/tmp/x');
      assert.equal(loadConfig({ file, env, overrides: { 'http.listen_port': 9200 } }).http.listen_port, 9200);
    });
  });

  it('refuses a secret header without a value, and an API beyond localhost without a token', () => {
    assert.match(problems(() => loadConfig({ env: { LOGPUSH_HTTP__SECRET_HEADER: 'X-S' } })), /→ at http\.secret_value/);
    assert.match(problems(() => loadConfig({ env: { LOGPUSH_API__LISTEN_ADDRESS: '0.0.0.0' } })), /→ at api\.auth_token/);
    assert.equal(loadConfig({ env: { LOGPUSH_API__LISTEN_ADDRESS: '0.0.0.0', LOGPUSH_API_TOKEN: 't' } }).api.auth_token, 't');
  });

  it('redacts secrets whenever the configuration is printed', () => {
    const config = loadConfig({ env: { LOGPUSH_HTTP__SECRET_HEADER: 'X-S', LOGPUSH_SECRET_VALUE: 'hunter2', LOGPUSH_API_TOKEN: 'tok' } });
    const printed = JSON.stringify(redactConfig(config));
    assert.doesNotMatch(printed, /hunter2|"tok"/);
    assert.match(printed, /"secret_value":"\[REDACTED\]"/);
    assert.match(printed, /"auth_token":"\[REDACTED\]"/);
  });

  it('says clearly when the file cannot be read or parsed', () => {
    assert.match(problems(() => loadConfig({ file: '/nonexistent/logpush.yaml', env: {} })), /cannot read the configuration file/);
    withFile('http: [unclosed', (file) => assert.match(problems(() => loadConfig({ file, env: {} })), /is not valid YAML\/JSON/));
  });
});
