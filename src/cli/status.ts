import type { InputStatus } from '../inputs/input-status.js';
import { formatTable } from './query.js';

/**
 * `logpush status`: each input of a running collector (S3 pollers, SQS queues, GCS buckets) with its
 * state and last error, read from the API (`GET /api/inputs`).
 */
export async function fetchInputStatus(api: string, token?: string): Promise<InputStatus[]> {
  const response = await fetch(new URL('/api/inputs', api), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await response.json()) as InputStatus[] | { error?: string };
  if (!response.ok || !Array.isArray(body)) {
    throw new Error(`the API answered ${response.status}: ${(body as { error?: string }).error ?? 'no reason given'}`);
  }
  return body;
}

export function formatInputStatus(inputs: readonly InputStatus[]): string {
  if (inputs.length === 0) return 'no object-storage inputs are configured (s3, sqs, gcs)\n';
  const rows = inputs.map((input) => ({
    input: input.name,
    state: input.state,
    last_success: input.last_success_at ?? '',
    last_error: input.last_error === null ? '' : `${input.last_error_at}: ${input.last_error}`,
  }));
  // Errors are the point of this command: print them whole under the table rather than cut in a cell.
  const errors = inputs.filter((i) => i.last_error !== null).map((i) => `${i.name} (${i.state}): ${i.last_error}`);
  return formatTable({ columns: ['input', 'state', 'last_success', 'last_error'], rows }) + (errors.length > 0 ? `\n${errors.join('\n')}\n` : '');
}
