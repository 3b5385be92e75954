/** The CookiePay endpoints the simulator answers (and that can be scripted, limited and logged). */
export const simulatedEndpoints = [
  '/payAuth/token',
  '/urlpay/request',
  '/api/urlcert',
  '/api/paycert',
  '/escro/delivery_add',
  '/api/paysearch',
  '/api/cancel',
] as const;

export type SimulatedEndpoint = (typeof simulatedEndpoints)[number];

const endpointSet: ReadonlySet<string> = new Set(simulatedEndpoints);

export const isSimulatedEndpoint = (path: string): path is SimulatedEndpoint => endpointSet.has(path);
