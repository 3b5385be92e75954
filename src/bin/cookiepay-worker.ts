#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load-config.js';
import { InvalidPayloadError } from '../contract/invalid-payload-error.js';
import { runDemo } from '../dev/run-demo.js';
import { CommandLineError, checkCommandFlags } from '../main/command-flags.js';
import { loadEnvFile } from '../main/load-env-file.js';
import { runBatchStatus } from '../main/run-batch-status.js';
import { runEnqueue } from '../main/run-enqueue.js';
import { runHttp } from '../main/run-http.js';
import { runProbe } from '../main/run-probe.js';
import { runRejectedRows } from '../main/run-rejected-rows.js';
import { runSimulator } from '../main/run-simulator.js';
import { runUpload } from '../main/run-upload.js';
import { runWorker } from '../main/run-worker.js';

const usage = `Usage: cookiepay-worker <command>

Commands:
  start                                   run the workers (cookiepay-urlpay, -delivery, -status, -cancel,
                                          -notifications)
                                          and the HTTP server (HTTP_HOST:HTTP_PORT, default 0.0.0.0:3000)
  http                                    run the HTTP server alone: /board, /cookiepay/notification, /metrics,
                                          /healthz, /readyz, /batches
  simulator                               run a local CookiePay simulator (SIMULATOR_PORT, default 8787)
  demo                                    Redis + simulator + worker, and a short scripted session
  enqueue <urlpay|delivery|status|cancel> <file.json|->  [--job-id ID]
                                          validate and enqueue one job (or a JSON array of jobs); a cancel's
                                          job id defaults to one of its tid + amount (a repeat refunds once)
  upload <shipments.csv> [--dry-run]      the day's escrow shipments: validate every row, enqueue the valid ones
                                          as one batch (UTF-8, UTF-8 with BOM or CP949; manual or Korean headers)
  batch <id>                              a batch's progress: total, waiting, succeeded, failed with reasons
  rejected <id>                           every rejected row of a batch as CSV (line,field,reason) on stdout
  probe [--live] [--paid-tid TID] [--vacct-tid TID] [--amount WON] [--json]
                                          check the worker's assumptions against CookiePay (the sandbox unless
                                          --live): for each, the manual, what was seen, what the worker does, what
                                          to change. Sends nothing to buyers; exit 1 only if it could not run
  help                                    this text

Configuration comes from the environment (and ./.env when present); see .env.example.`;

/** The flags each command takes (any other, or one given twice, is refused: checkCommandFlags). */
const commandFlags: Readonly<Record<string, readonly string[]>> = {
  enqueue: ['job-id'],
  upload: ['dry-run'],
  probe: ['live', 'json', 'paid-tid', 'vacct-tid', 'amount'],
};

const main = async (): Promise<void> => {
  const { positionals, values, tokens } = parseArgs({
    allowPositionals: true,
    tokens: true,
    options: {
      'job-id': { type: 'string' },
      'dry-run': { type: 'boolean' },
      live: { type: 'boolean' },
      json: { type: 'boolean' },
      'paid-tid': { type: 'string' },
      'vacct-tid': { type: 'string' },
      amount: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(usage);
    return;
  }
  checkCommandFlags(command, tokens, commandFlags[command] ?? []);
  loadEnvFile();
  const env = process.env;
  switch (command) {
    case 'start':
      return runWorker(env);
    case 'http':
      return runHttp(env);
    case 'simulator':
      return runSimulator(env);
    case 'demo':
      return runDemo(env, (line) => console.log(line));
    case 'enqueue': {
      const [kind, source] = rest;
      if (!kind || !source) throw new Error(`enqueue needs a kind and a file (or -)\n\n${usage}`);
      return runEnqueue(env, { kind, source, jobId: values['job-id'], write: (line) => console.log(line) });
    }
    case 'upload': {
      const [file] = rest;
      if (!file) throw new Error(`upload needs a CSV file\n\n${usage}`);
      return runUpload(env, { file, dryRun: values['dry-run'] ?? false, write: (line) => console.log(line) });
    }
    case 'batch': {
      const [batchId] = rest;
      if (!batchId) throw new Error(`batch needs a batch id\n\n${usage}`);
      return runBatchStatus(env, { batchId, write: (line) => console.log(line) });
    }
    case 'rejected': {
      const [batchId] = rest;
      if (!batchId) throw new Error(`rejected needs a batch id\n\n${usage}`);
      return runRejectedRows(env, {
        batchId,
        write: (text) =>
          new Promise<void>((resolve, reject) =>
            process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
          ),
      });
    }
    case 'probe': {
      const { exitCode } = await runProbe(env, {
        live: values.live ?? false,
        json: values.json ?? false,
        amount: values.amount,
        'paid-tid': values['paid-tid'],
        'vacct-tid': values['vacct-tid'],
        write: (line) => console.log(line),
      });
      process.exitCode = exitCode;
      return;
    }
    default:
      throw new Error(`unknown command "${command}"\n\n${usage}`);
  }
};

main().catch((error: unknown) => {
  if (error instanceof CommandLineError) {
    console.error(`${error.message}\n\n${usage}`);
  } else if (error instanceof ConfigError || error instanceof InvalidPayloadError) {
    console.error(error.message);
    if (error instanceof InvalidPayloadError)
      for (const issue of error.issues) console.error(`  - ${issue.field}: ${issue.reason}`);
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});
