import type { AddressInfo } from 'node:net';
import { buildSimulator } from './build-simulator.js';
import { createContext, type SimulatorContext } from './context.js';
import { createSimulatorControl, type SimulatorControl } from './control-client.js';
import { type SimulatorOptions, simulatorDefaults } from './options.js';

export interface RunningSimulator {
  /** Base URL of the simulator, e.g. `http://127.0.0.1:41234` (use it as the CookiePay domain). */
  url: string;
  port: number;
  host: string;
  /** A client of the `/__sim/*` control endpoints of this simulator. */
  control: SimulatorControl;
  /** The live state, for code in the same process (tests, demo). */
  context: SimulatorContext;
  /** Stops listening; requests held by delays, latency or timeout faults are dropped at once. */
  close: () => Promise<void>;
}

const reachableHost = (host: string): string => {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
};

/** Starts a CookiePay simulator listening on `options.port` (0 = a free port). */
export const startSimulator = async (options: SimulatorOptions): Promise<RunningSimulator> => {
  const context = createContext(options);
  const app = buildSimulator(context, options);
  const host = options.host ?? simulatorDefaults.host;
  await app.listen({ port: options.port ?? simulatorDefaults.port, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${reachableHost(host)}:${port}`;
  if (context.publicUrl === '') context.publicUrl = url;
  context.logger?.info({ url, publicUrl: context.publicUrl }, 'CookiePay simulator listening');
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    host,
    control: createSimulatorControl(url),
    context,
    close: () => {
      closed ??= (async () => {
        context.closing.abort();
        await app.close();
      })();
      return closed;
    },
  };
};
