/** POST /api/query (and `logpush query`) only reads: API users cannot change the store or reach the host. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/collector.js';

describe('SQL over the API', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.dispose());

  const ask = async (sql: string) => {
    const response = await fetch(`${collector.apiUrl}/api/query`, { method: 'POST', body: JSON.stringify({ sql }) });
    return { status: response.status, body: (await response.json()) as { rows?: unknown[]; error?: string } };
  };

  it('answers SELECT, EXPLAIN, DESCRIBE and SHOW', async () => {
    assert.deepEqual((await ask('SELECT 1 + 1 AS two')).body.rows, [{ two: 2 }]);
    for (const sql of ['EXPLAIN SELECT * FROM dns', 'DESCRIBE dns', 'SHOW TABLES']) assert.equal((await ask(sql)).status, 200, sql);
  });

  it('refuses statements that write, and more than one statement', async () => {
    for (const sql of ['DELETE FROM dns', 'DROP TABLE dns', "INSERT INTO dead_letters (reason) VALUES ('x')", 'CREATE TABLE x (a INT)', 'SELECT 1; DELETE FROM dns']) {
      const { status, body } = await ask(sql);
      assert.equal(status, 400, sql);
      assert.match(body.error!, /only read statements|expected one SQL statement/, sql);
    }
    assert.deepEqual((await ask("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'dns'")).body.rows, [{ n: 1 }]);
  });

  it('refuses to read or write files of the host', async () => {
    for (const sql of ["SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_text('/etc/hostname')"]) {
      const { status, body } = await ask(sql);
      assert.equal(status, 400, sql);
      assert.match(body.error!, /disabled|external access/i, sql);
    }
  });
});
