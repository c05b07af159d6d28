/**
 * Parsing SQS message bodies into S3 objects: one row per form S3, SNS and EventBridge produce.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseS3Notification } from '../../src/inputs/s3-events.js';
import { eventBridge, s3Event, snsWrapped, testEvent } from '../support/s3-notifications.js';

const keysOf = (body: string) => {
  const parsed = parseS3Notification(body);
  return parsed.kind === 'objects' ? parsed.objects.map((o) => `${o.bucket}/${o.key}`) : parsed.kind;
};

describe('S3 notifications', () => {
  const rows: [string, string, unknown][] = [
    ['plain S3 event', s3Event('b', ['dns/20260101/a.log.gz']), ['b/dns/20260101/a.log.gz']],
    ['several records', s3Event('b', ['x/1.log.gz', 'x/2.log.gz']), ['b/x/1.log.gz', 'b/x/2.log.gz']],
    ['URL-encoded key (space as +, = as %3D)', s3Event('b', ['dns/dt=20260101/a b+c.log.gz']), ['b/dns/dt=20260101/a b+c.log.gz']],
    ['SNS-wrapped', snsWrapped(s3Event('b', ['audit_logs/1.log.gz'])), ['b/audit_logs/1.log.gz']],
    ['SNS-wrapped test event', snsWrapped(testEvent('b')), 'test'],
    ['EventBridge Object Created', eventBridge('b', 'dns/dt=20260101/e.log.gz'), ['b/dns/dt=20260101/e.log.gz']],
    ['s3:TestEvent', testEvent('b'), 'test'],
    ['non-create events only', s3Event('b', ['x/1.log.gz'], 'ObjectRemoved:Delete'), []],
    ['not JSON', 'hello', 'invalid'],
    ['JSON without Records', '{"Message":"hi"}', 'invalid'],
  ];
  for (const [name, body, expected] of rows) {
    it(`reads ${name}`, () => assert.deepEqual(keysOf(body), expected));
  }

  it('keeps the ETag without quotes and the event name', () => {
    const body = JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:CompleteMultipartUpload', s3: { bucket: { name: 'b' }, object: { key: 'k', eTag: '"abc"', size: 3 } } }] });
    const parsed = parseS3Notification(body);
    assert.equal(parsed.kind, 'objects');
    if (parsed.kind === 'objects') assert.deepEqual({ ...parsed.objects[0], eventTime: undefined }, { bucket: 'b', key: 'k', etag: 'abc', size: 3, eventName: 'ObjectCreated:CompleteMultipartUpload', eventTime: undefined });
  });
});
