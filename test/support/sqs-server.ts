import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small SQS server of ours on loopback, speaking the AWS JSON 1.0 protocol that @aws-sdk/client-sqs uses
 * (POST /, `X-Amz-Target: AmazonSQS.<Operation>`, JSON bodies; errors as `{"__type", "message"}` with
 * `x-amzn-query-error`). No maintained SQS emulator exists on npm. It keeps SQS's delivery semantics that
 * the collector depends on: visibility timeouts, long polling, receive counts, a new receipt handle per
 * receive (a stale handle does not delete, as in SQS), and MD5OfBody, which the SDK verifies.
 */
interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
  receipt?: string;
}

export interface TestSqs {
  readonly endpoint: string;
  /** The URL of a queue (created on first use). */
  queueUrl(name: string): string;
  send(name: string, body: string): string;
  /** Messages not yet deleted (in flight or visible). */
  remaining(name: string): { id: string; body: string; receiveCount: number }[];
  readonly stats: { receives: number; deletes: number; staleDeletes: number; extensions: number; releases: number };
  close(): Promise<void>;
}

const ACCOUNT = '000000000000';

class SqsFault extends Error {
  constructor(
    readonly type: string,
    readonly queryError: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startSqsServer(options: { accessKeyId?: string } = {}): Promise<TestSqs> {
  const queues = new Map<string, StoredMessage[]>();
  const stats = { receives: 0, deletes: 0, staleDeletes: 0, extensions: 0, releases: 0 };
  let closing = false;
  let endpoint = '';
  const queueOf = (url: unknown): StoredMessage[] => {
    const name = typeof url === 'string' ? url.split('/').at(-1)! : '';
    const queue = queues.get(name);
    if (queue === undefined) throw new SqsFault('com.amazonaws.sqs#QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue;Sender', 'The specified queue does not exist.');
    return queue;
  };
  const byReceipt = (queue: StoredMessage[], receipt: unknown) => queue.find((m) => m.receipt === receipt);

  const operations: Record<string, (input: Record<string, any>) => Promise<unknown> | unknown> = {
    SendMessage: (input) => ({ MessageId: send(queueOf(input.QueueUrl), input.MessageBody), MD5OfMessageBody: md5(input.MessageBody) }),
    async ReceiveMessage(input) {
      const queue = queueOf(input.QueueUrl);
      const deadline = Date.now() + Number(input.WaitTimeSeconds ?? 0) * 1000;
      for (;;) {
        const now = Date.now();
        const visible = queue.filter((m) => m.visibleAt <= now).slice(0, Number(input.MaxNumberOfMessages ?? 1));
        if (visible.length > 0 || now >= deadline || closing) {
          stats.receives += visible.length;
          return {
            Messages: visible.map((m) => {
              m.receiveCount++;
              m.visibleAt = now + Number(input.VisibilityTimeout ?? 30) * 1000;
              m.receipt = randomUUID();
              return {
                MessageId: m.id,
                ReceiptHandle: m.receipt,
                MD5OfBody: md5(m.body),
                Body: m.body,
                Attributes: { ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt) },
              };
            }),
          };
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    DeleteMessage(input) {
      const queue = queueOf(input.QueueUrl);
      const message = byReceipt(queue, input.ReceiptHandle);
      // As in SQS: a handle from an earlier receive "succeeds" without deleting.
      if (message === undefined) stats.staleDeletes++;
      else {
        queue.splice(queue.indexOf(message), 1);
        stats.deletes++;
      }
      return {};
    },
    ChangeMessageVisibility(input) {
      const message = byReceipt(queueOf(input.QueueUrl), input.ReceiptHandle);
      if (message === undefined) throw new SqsFault('com.amazonaws.sqs#ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid;Sender', 'The receipt handle is not valid.');
      const seconds = Number(input.VisibilityTimeout);
      if (seconds === 0) stats.releases++;
      else stats.extensions++;
      message.visibleAt = Date.now() + seconds * 1000;
      return {};
    },
  };

  function send(queue: StoredMessage[], body: string): string {
    const id = randomUUID();
    queue.push({ id, body, sentAt: Date.now(), receiveCount: 0, visibleAt: 0 });
    return id;
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      const key = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
      if (options.accessKeyId !== undefined && key !== options.accessKeyId) {
        throw new SqsFault('com.amazon.coral.service#InvalidClientTokenId', 'InvalidClientTokenId;Sender', 'The security token included in the request is invalid.');
      }
      const operation = operations[String(req.headers['x-amz-target'] ?? '').replace('AmazonSQS.', '')];
      if (operation === undefined) throw new SqsFault('com.amazonaws.sqs#UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation;Sender', `unsupported: ${req.headers['x-amz-target']}`);
      reply(200, await operation(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
    } catch (error) {
      if (!(error instanceof SqsFault)) return reply(500, { __type: 'com.amazonaws.sqs#InternalError', message: String(error) });
      reply(400, { __type: error.type, message: error.message }, { 'x-amzn-query-error': error.queryError });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const queueUrl = (name: string) => {
    if (!queues.has(name)) queues.set(name, []);
    return `${endpoint}/${ACCOUNT}/${name}`;
  };
  return {
    endpoint,
    queueUrl,
    send: (name, body) => send(queueOf(queueUrl(name)), body),
    remaining: (name) => (queues.get(name) ?? []).map((m) => ({ id: m.id, body: m.body, receiveCount: m.receiveCount })),
    stats,
    close: () =>
      new Promise((resolve) => {
        closing = true;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
