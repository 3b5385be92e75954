import { workerEnvSchema } from '../../src/config/env.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/config/logger.js';
import { startWorkerRuntime } from '../../src/main/worker-runtime.js';

/** The real worker (startWorkerRuntime) configured from its environment; says `ready` over IPC. */
const config = loadConfig(workerEnvSchema, process.env);
const runtime = await startWorkerRuntime(config, createLogger({ level: config.LOG_LEVEL }));
process.send?.({ type: 'ready' });

let stopping = false;
const stop = async () => {
  if (stopping) process.exit(1);
  stopping = true;
  await runtime.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
