import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { awsErrorInfo } from './aws-client.js';
import { InputHealth, backoffMs, sleep, type InputStatus, type ObjectInput } from './input-status.js';
import { ingestObject, type ObjectIngestSettings, type ObjectOutcome } from './object-ingest.js';
import type { ObjectStoreClient } from './object-store.js';
import { routeKey, type KeyRoute } from './routing.js';
import { parseS3Notification, type S3ObjectEvent } from './s3-events.js';

/**
 * S3 event notifications through SQS. A message is deleted only once every object it names is durable
 * (or dead-lettered with its reason); while objects are read its visibility is extended every half
 * period, so no other consumer receives it meanwhile. A failed object leaves the message in the queue:
 * it comes back after the visibility timeout, and after `max_receive_count` receives it is logged and
 * counted as poison but still left to the queue's redrive (dead-letter) policy. On stop, unfinished
 * messages are released (visibility 0). Several collectors may read one queue: SQS hands each message
 * to one of them at a time, and batch ids make a re-read object store nothing twice.
 */
export interface SqsInputSettings extends Omit<ObjectIngestSettings, 'client'> {
  readonly queueUrl: string;
  readonly sqs: SQSClient;
  /** The S3 client of a bucket named in a notification. */
  readonly bucket: (name: string) => ObjectStoreClient;
  readonly routes: readonly KeyRoute[];
  readonly include: RegExp;
  readonly workers: number;
  readonly visibilityTimeoutSecs: number;
  readonly waitTimeSecs: number;
  readonly maxReceiveCount: number;
  readonly unroutable: 'dead_letter' | 'release';
}

type MessageOutcome = 'deleted' | 'left' | 'released';
type MessageCounts = Record<'received' | MessageOutcome, number>;

export class SqsInput implements ObjectInput {
  readonly name: string;
  private readonly health: InputHealth;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private loop?: Promise<void>;
  private readonly counts: MessageCounts = { received: 0, deleted: 0, left: 0, released: 0 };

  constructor(private readonly settings: SqsInputSettings) {
    this.name = `sqs:${settings.queueUrl}`;
    this.health = new InputHealth(this.name, 'sqs');
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await Promise.allSettled(this.inFlight);
    this.health.stopped();
  }

  async status(): Promise<InputStatus> {
    return this.health.snapshot({ queue_url: this.settings.queueUrl, in_flight: this.inFlight.size, messages: { ...this.counts } });
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    const { sqs, queueUrl, workers, logger } = this.settings;
    while (!signal.aborted) {
      // Back-pressure: receive only what free workers can take, and nothing while the write queue is full.
      if (this.inFlight.size >= workers || this.settings.pipeline.full) {
        await Promise.race([...this.inFlight, sleep(100, signal)]);
        continue;
      }
      let messages: Message[];
      try {
        const response = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(10, workers - this.inFlight.size),
            WaitTimeSeconds: this.settings.waitTimeSecs,
            VisibilityTimeout: this.settings.visibilityTimeoutSecs,
            MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
          }),
          { abortSignal: signal },
        );
        messages = response.Messages ?? [];
        this.health.succeeded();
      } catch (error) {
        if (signal.aborted) break;
        const { code, status, message } = awsErrorInfo(error);
        const text = `ReceiveMessage on ${queueUrl} failed: ${code}${status === undefined ? '' : ` (HTTP ${status})`}: ${message}`;
        this.health.failed(text);
        logger.warn({ input: 'sqs', err: text }, 'receiving from the queue failed; retrying with backoff');
        await sleep(backoffMs(this.health.failures), signal);
        continue;
      }
      for (const message of messages) {
        const task = this.handle(message)
          .catch((error: unknown) => logger.error({ input: 'sqs', messageId: message.MessageId, err: error }, 'message handling failed; it stays in the queue'))
          .finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      }
    }
  }

  private async handle(message: Message): Promise<void> {
    const { metrics, logger } = this.settings;
    this.count('received');
    const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? 1);
    const parsed = parseS3Notification(message.Body ?? '');
    if (parsed.kind === 'test') {
      logger.info({ input: 'sqs', messageId: message.MessageId }, 'S3 test event received; deleting it');
      return this.finish(message, 'deleted');
    }
    if (parsed.kind === 'invalid') {
      metrics.sqsMessages.inc({ input: 'sqs', outcome: 'invalid' });
      logger.warn({ input: 'sqs', messageId: message.MessageId, reason: parsed.reason }, 'not an S3 notification; kept in dead_letters and deleted');
      await this.settings.output.writeDeadLetters([
        { dataset: null, batchId: null, source: `${this.settings.queueUrl}#${message.MessageId}`, line: 0, reason: parsed.reason, raw: message.Body ?? '', receivedAt: new Date() },
      ]);
      return this.finish(message, 'deleted');
    }
    for (const event of parsed.ignoredEvents) logger.debug({ input: 'sqs', messageId: message.MessageId, event }, 'ignored a non-create event');
    const stopExtending = this.extendVisibility(message);
    let outcome: MessageOutcome;
    try {
      outcome = await this.readObjects(message, parsed.objects);
    } finally {
      stopExtending();
    }
    if (outcome === 'left' && receiveCount >= this.settings.maxReceiveCount) {
      metrics.sqsMessages.inc({ input: 'sqs', outcome: 'poison' });
      logger.error(
        { input: 'sqs', messageId: message.MessageId, receiveCount, keys: parsed.objects.map((o) => o.key) },
        'message keeps failing; left to the queue\'s redrive (dead-letter) policy',
      );
    }
    return this.finish(message, outcome);
  }

  /** Reads every object of a message; the worst outcome decides the message's fate. */
  private async readObjects(message: Message, objects: readonly S3ObjectEvent[]): Promise<MessageOutcome> {
    const { signal } = this.abort;
    const { metrics, logger, include, routes } = this.settings;
    let outcome: MessageOutcome = 'deleted';
    for (const event of objects) {
      if (signal.aborted) return 'released';
      const location = `s3://${event.bucket}/${event.key}`;
      const dataset = routeKey(routes, event.key);
      metrics.objectsListed.inc({ input: 'sqs', dataset: dataset?.name ?? 'unknown' });
      if (!include.test(event.key)) {
        metrics.objectsSkipped.inc({ input: 'sqs', dataset: dataset?.name ?? 'unknown', reason: 'not_a_log_file' });
        continue;
      }
      if (dataset === undefined) {
        metrics.objectsSkipped.inc({ input: 'sqs', dataset: 'unknown', reason: 'unroutable' });
        if (this.settings.unroutable === 'release') return 'released';
        logger.warn({ input: 'sqs', object: location, messageId: message.MessageId }, 'no dataset claims this key; kept in dead_letters');
        await this.settings.output.writeDeadLetters([
          { dataset: null, batchId: null, source: location, line: 0, reason: 'no dataset routes this key (check the sqs prefixes)', raw: '', receivedAt: new Date() },
        ]);
        continue;
      }
      const client = this.settings.bucket(event.bucket);
      const result: ObjectOutcome = await ingestObject({ ...this.settings, client }, { key: event.key, version: event.etag }, dataset, signal);
      if (result.kind === 'aborted') return 'released';
      if (result.kind === 'retry') outcome = 'left';
    }
    return outcome;
  }

  /** Renews the visibility every half period while the message's objects are read. */
  private extendVisibility(message: Message): () => void {
    const { sqs, queueUrl, visibilityTimeoutSecs, metrics, logger } = this.settings;
    const timer = setInterval(() => {
      sqs
        .send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: visibilityTimeoutSecs }))
        .then(() => metrics.sqsVisibilityExtensions.inc({ input: 'sqs' }))
        .catch((error: unknown) => {
          clearInterval(timer);
          logger.warn({ input: 'sqs', messageId: message.MessageId, err: awsErrorInfo(error).message }, 'could not extend the visibility; another consumer may receive the message');
        });
    }, (visibilityTimeoutSecs * 1000) / 2);
    return () => clearInterval(timer);
  }

  private async finish(message: Message, outcome: MessageOutcome): Promise<void> {
    const { sqs, queueUrl } = this.settings;
    // Not tied to the stop signal: releasing and deleting must still go out while stopping.
    if (outcome === 'deleted') await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    if (outcome === 'released') await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    this.count(outcome);
  }

  private count(outcome: keyof MessageCounts): void {
    this.counts[outcome]++;
    this.settings.metrics.sqsMessages.inc({ input: 'sqs', outcome });
  }
}
