import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { producerEnvSchema } from '../config/env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { type JobKind, jobKinds } from '../contract/names.js';
import { createProducer } from '../intake/producer/create-producer.js';

export interface EnqueueCommand {
  kind: string;
  /** A JSON file, or `-` for standard input: one job's data, or an array of them. */
  source: string;
  jobId?: string | undefined;
  write: (line: string) => void;
}

const isKind = (kind: string): kind is JobKind => (jobKinds as readonly string[]).includes(kind);

/** `cookiepay-worker enqueue <urlpay|delivery|status|cancel> <file.json|->`: validates, enqueues, prints the job ids. */
export const runEnqueue = async (env: EnvSource, command: EnqueueCommand): Promise<void> => {
  if (!isKind(command.kind))
    throw new Error(`unknown kind "${command.kind}": use one of ${jobKinds.join(', ')}`);
  const config = loadConfig(producerEnvSchema, env);
  const raw = command.source === '-' ? await text(process.stdin) : await readFile(command.source, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${command.source} is not JSON: ${(error as Error).message}`);
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (command.jobId && items.length > 1) throw new Error('--job-id goes with a single job, not an array');
  const producer = createProducer({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
  try {
    for (const item of items) {
      const id = await producer.enqueue(command.kind, item, command.jobId ? { jobId: command.jobId } : {});
      command.write(`${command.kind} job ${id}`);
    }
  } finally {
    await producer.close();
  }
};
