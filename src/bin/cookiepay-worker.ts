#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load-config.js';
import { loadEnvFile } from '../main/load-env-file.js';
import { runDemo } from '../main/run-demo.js';
import { runEnqueue } from '../main/run-enqueue.js';
import { runSimulator } from '../main/run-simulator.js';
import { runWorker } from '../main/run-worker.js';
import { InvalidPayloadError } from '../queues/invalid-payload-error.js';

const usage = `Usage: cookiepay-worker <command>

Commands:
  start                                   run the workers of cookiepay-urlpay, cookiepay-delivery, cookiepay-status
  simulator                               run a local CookiePay simulator (SIMULATOR_PORT, default 8787)
  demo                                    Redis + simulator + worker, and a short scripted session
  enqueue <urlpay|delivery|status> <file.json|->  [--job-id ID]
                                          validate and enqueue one job (or a JSON array of jobs)
  help                                    this text

Configuration comes from the environment (and ./.env when present); see .env.example.`;

const main = async (): Promise<void> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'job-id': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(usage);
    return;
  }
  loadEnvFile();
  const env = process.env;
  switch (command) {
    case 'start':
      return runWorker(env);
    case 'simulator':
      return runSimulator(env);
    case 'demo':
      return runDemo(env, (line) => console.log(line));
    case 'enqueue': {
      const [kind, source] = rest;
      if (!kind || !source) throw new Error(`enqueue needs a kind and a file (or -)\n\n${usage}`);
      return runEnqueue(env, { kind, source, jobId: values['job-id'], write: (line) => console.log(line) });
    }
    default:
      throw new Error(`unknown command "${command}"\n\n${usage}`);
  }
};

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof InvalidPayloadError) {
    console.error(error.message);
    if (error instanceof InvalidPayloadError)
      for (const issue of error.issues) console.error(`  - ${issue.field}: ${issue.reason}`);
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});
