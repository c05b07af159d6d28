/**
 * Parses the body of an SQS message into the S3 objects it announces. Accepted forms, as in Elastic's
 * aws-s3 input: an S3 event notification (`Records`), the same wrapped in an SNS notification (`Type:
 * Notification`, `Message` is the S3 event as a string), and an EventBridge `Object Created` event.
 * `s3:TestEvent` (sent when a notification is configured) announces nothing. Keys in notifications are
 * form-URL-encoded (space → `+`, `=` → `%3D`) and are decoded here.
 */
export interface S3ObjectEvent {
  readonly bucket: string;
  readonly key: string;
  /** ETag without quotes, when the event carries it. */
  readonly etag?: string;
  readonly size?: number;
  readonly eventName: string;
  readonly eventTime?: Date;
}

export type S3Notification =
  | { readonly kind: 'objects'; readonly objects: S3ObjectEvent[]; readonly ignoredEvents: string[] }
  | { readonly kind: 'test' }
  | { readonly kind: 'invalid'; readonly reason: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const at = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
const time = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined);

/** `dt%3D20260101/a+b.log.gz` → `dt=20260101/a b.log.gz`; a key that is not valid encoding is kept as is. */
export function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

export function parseS3Notification(body: string, depth = 0): S3Notification {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return { kind: 'invalid', reason: 'the message body is not JSON' };
  }
  if (!isObject(message)) return { kind: 'invalid', reason: 'the message body is not a JSON object' };
  if (message.Type === 'Notification' && typeof message.Message === 'string' && depth === 0) {
    return parseS3Notification(message.Message, depth + 1);
  }
  if (message.Event === 's3:TestEvent') return { kind: 'test' };
  if (Array.isArray(message.Records)) return fromRecords(message.Records);
  if (message.source === 'aws.s3' && typeof message['detail-type'] === 'string') return fromEventBridge(message);
  return { kind: 'invalid', reason: 'not an S3 event notification (no Records, not SNS, not EventBridge)' };
}

function fromRecords(records: unknown[]): S3Notification {
  const objects: S3ObjectEvent[] = [];
  const ignoredEvents: string[] = [];
  for (const record of records) {
    const eventName = str(at(record, 'eventName')) ?? '';
    const bucket = str(at(record, 's3', 'bucket', 'name'));
    const key = str(at(record, 's3', 'object', 'key'));
    if (at(record, 'eventSource') !== 'aws:s3' || !eventName.startsWith('ObjectCreated:')) {
      ignoredEvents.push(eventName || 'unknown');
      continue;
    }
    if (bucket === undefined || key === undefined) return { kind: 'invalid', reason: `an ${eventName} record has no s3.bucket.name or s3.object.key` };
    objects.push({
      bucket,
      key: decodeKey(key),
      etag: str(at(record, 's3', 'object', 'eTag'))?.replace(/"/g, ''),
      size: num(at(record, 's3', 'object', 'size')),
      eventName,
      eventTime: time(at(record, 'eventTime')),
    });
  }
  return { kind: 'objects', objects, ignoredEvents };
}

function fromEventBridge(event: Json): S3Notification {
  const detailType = event['detail-type'] as string;
  if (detailType !== 'Object Created') return { kind: 'objects', objects: [], ignoredEvents: [detailType] };
  const bucket = str(at(event, 'detail', 'bucket', 'name'));
  const key = str(at(event, 'detail', 'object', 'key'));
  if (bucket === undefined || key === undefined) return { kind: 'invalid', reason: 'an EventBridge Object Created event has no detail.bucket.name or detail.object.key' };
  const object: S3ObjectEvent = {
    bucket,
    key: decodeKey(key),
    etag: str(at(event, 'detail', 'object', 'etag'))?.replace(/"/g, ''),
    size: num(at(event, 'detail', 'object', 'size')),
    eventName: `ObjectCreated:${str(at(event, 'detail', 'reason')) ?? 'EventBridge'}`,
    eventTime: time(event.time),
  };
  return { kind: 'objects', objects: [object], ignoredEvents: [] };
}
