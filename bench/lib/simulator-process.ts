import { freePort } from '../../src/dev/local-redis.js';
import { createSimulatorControl, type SimulatorControl } from '../../src/simulator/control-client.js';
import { benchAccountEnv } from './bench-account.js';
import { type BenchChild, spawnTs } from './children.js';

export interface SimulatorProcess {
  url: string;
  control: SimulatorControl;
  child: BenchChild;
}

/** `cookiepay-worker simulator` in a process of its own, so it shares no event loop with what is measured. */
export const startSimulatorProcess = async (): Promise<SimulatorProcess> => {
  const port = await freePort();
  const child = spawnTs('simulator', 'src/bin/cookiepay-worker.ts', ['simulator'], {
    ...benchAccountEnv,
    SIMULATOR_PORT: String(port),
    // The baselines are plain got clients, which send header names lower-cased; the worker sends the manual's
    // spelling either way. A simulator strict about header case would refuse the baselines' every call.
    SIMULATOR_ASSUMPTIONS: 'any-header-case',
    LOG_LEVEL: 'info',
  });
  await child.waitForText('CookiePay simulator listening');
  const url = `http://127.0.0.1:${port}`;
  return { url, control: createSimulatorControl(url), child };
};
