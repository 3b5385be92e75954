import type { Logger } from '../config/logger.js';

export interface SignalHandling {
  logger: Logger;
  /** Stops the process's work; resolves when everything is closed. */
  shutdown: (signal: NodeJS.Signals) => Promise<void>;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

/**
 * SIGTERM / SIGINT: stop cleanly and exit 0 (1 if closing failed). A second signal exits at once.
 * Returns a function that removes the handlers.
 */
export const handleSignals = ({
  logger,
  shutdown,
  exit = (code) => logger.flush(() => process.exit(code)),
  signals = ['SIGTERM', 'SIGINT'],
}: SignalHandling): (() => void) => {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'stopping: no new jobs, waiting for the ones in flight');
    shutdown(signal).then(
      () => {
        logger.info('stopped cleanly');
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
};
