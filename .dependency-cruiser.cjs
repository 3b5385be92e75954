/**
 * The layers of src/, lowest first: each may import only the layers below it (and itself). `npm run check:layers`
 * checks every import of src/ against these rules; a violation names the importing file, the imported file and
 * the rule. docs/architecture.md says what each layer is for.
 *
 *   shared → config → redis → cookiepay → contract → batches, metrics → worker | intake → main → dev → bin, index.ts
 *   simulator: shared only (its request tables are its own, written from the manual, not CookiePay's schemas)
 *   probe (src/main/probe, run-probe.ts): never the simulator (it judges CookiePay by its own reading)
 */

/** A layer may import itself and the layers named in `below`; anything else in src/ is forbidden. */
const layer = (name, below, comment) => ({
  name: `${name}-imports-only-below`,
  comment,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: '^src/', pathNot: [`^src/${name}/`, ...below.map((dir) => `^src/${dir}/`)] },
});

const base = ['shared', 'config', 'redis', 'cookiepay', 'contract'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'Import cycles hide the direction of a dependency; break the cycle by moving the shared part down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer(
      'shared',
      [],
      'src/shared holds pure helpers every layer uses (secrets, field problems): it imports nothing of src/.',
    ),
    layer(
      'config',
      ['shared'],
      'src/config (environment, logger) is the base of the house: it imports only src/shared.',
    ),
    layer(
      'redis',
      ['shared', 'config'],
      'src/redis (connections, Lua loader) knows nothing of CookiePay or the queues.',
    ),
    layer(
      'cookiepay',
      ['shared', 'config', 'redis'],
      'src/cookiepay (client, token, rate gate) knows no BullMQ queue, job or result: those are the contract, above it.',
    ),
    layer(
      'contract',
      ['shared', 'config', 'redis', 'cookiepay'],
      'src/contract (queue names, job and result schemas, ids, retention) is what worker and intake share: it uses neither.',
    ),
    layer(
      'batches',
      base,
      'src/batches (batch records in Redis) is shared by the upload and the summary watcher: it uses neither.',
    ),
    layer(
      'metrics',
      base,
      'src/metrics (the prom-client registry) is fed by the entry points, not by the layers above it.',
    ),
    layer(
      'worker',
      [...base, 'batches', 'metrics'],
      'src/worker (processors, results, batch watcher) never imports the intake side (producer, HTTP, upload) or an entry point.',
    ),
    layer(
      'intake',
      [...base, 'batches', 'metrics'],
      'src/intake (producer, HTTP, shipment upload) never imports the worker side or an entry point.',
    ),
    layer(
      'simulator',
      ['shared'],
      'src/simulator is a witness of its own: it imports only src/shared; its request checks are tables written from the manual, never the client schemas of src/cookiepay.',
    ),
    layer(
      'main',
      [...base, 'batches', 'metrics', 'worker', 'intake', 'simulator'],
      'src/main (composition roots, runtimes) is imported by the CLI and the dev tools, never the other way round.',
    ),
    layer(
      'dev',
      [...base, 'batches', 'metrics', 'worker', 'intake', 'simulator', 'main'],
      'src/dev (demo, local redis-server) is a development tool: only the CLI imports it.',
    ),
    {
      name: 'probe-never-imports-the-simulator',
      comment:
        'cookiepay-worker probe (src/main/probe, src/main/run-probe.ts) judges CookiePay against the manual and its own reading: it never imports the simulator (its tests may).',
      severity: 'error',
      from: { path: ['^src/main/probe/', '^src/main/run-probe\\.ts$'] },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'nothing-imports-an-entry-point',
      comment: 'src/bin and src/index.ts are entry points: nothing in src/ imports them.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ['^src/bin/', '^src/index\\.ts$'] },
    },
  ],
  options: {
    includeOnly: '^src/',
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
