import { randomUUID } from 'node:crypto';

/**
 * SQS message bodies in the forms S3 produces: an event notification (keys form-URL-encoded, as S3 does),
 * the same wrapped by SNS, an EventBridge `Object Created` event, and the test event S3 sends when a
 * notification is configured.
 */

/** S3's key encoding in notifications: URL-encoded, `/` kept, space as `+`. */
export const encodeKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

export function s3Event(bucket: string, keys: readonly string[], eventName = 'ObjectCreated:Put'): string {
  return JSON.stringify({
    Records: keys.map((key) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: new Date().toISOString(),
      eventName,
      s3: { s3SchemaVersion: '1.0', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key: encodeKey(key), size: 1, sequencer: '00' } },
    })),
  });
}

export function snsWrapped(message: string): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: 'arn:aws:sns:us-east-1:000000000000:logpush',
    Subject: 'Amazon S3 Notification',
    Message: message,
    Timestamp: new Date().toISOString(),
  });
}

export function eventBridge(bucket: string, key: string): string {
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: { version: '0', bucket: { name: bucket }, object: { key: encodeKey(key), size: 1, sequencer: '00' }, reason: 'PutObject' },
  });
}

export function testEvent(bucket: string): string {
  return JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date().toISOString(), Bucket: bucket, RequestId: 'R', HostId: 'H' });
}
