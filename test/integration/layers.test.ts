import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const config = join(root, '.dependency-cruiser.cjs');

/** Runs the project's layer rules (exactly as `npm run check:layers`) on a tree of the given files. */
const checkLayers = (cwd: string) => {
  const run = spawnSync(depcruise, ['--config', config, '--output-type', 'err-long', 'src'], {
    cwd,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

const trees: string[] = [];

/** A throw-away project: a tsconfig like ours and the given files (path → source). */
const tree = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  trees.push(dir);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  );
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return dir;
};

afterEach(() => {
  for (const dir of trees.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run check:layers', () => {
  it('passes on the project tree', () => {
    const run = checkLayers(root);
    expect(run.output).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });

  it('passes when every import flows down', () => {
    const run = checkLayers(
      tree({
        'src/config/env.ts': 'export const env = 1;\n',
        'src/cookiepay/client.ts': "import { env } from '../config/env.js';\nexport const client = env;\n",
        'src/worker/job.ts': "import { client } from '../cookiepay/client.js';\nexport const job = client;\n",
        'src/main/run.ts': "import { job } from '../worker/job.js';\nexport const run = job;\n",
      }),
    );
    expect(run.output).toContain('4 modules, 3 dependencies cruised');
    expect(run.status).toBe(0);
  });

  it('fails when a lower layer imports a higher one, naming both files and the rule', () => {
    const run = checkLayers(
      tree({
        'src/config/env.ts': "import { job } from '../worker/job.js';\nexport const env = job;\n",
        'src/worker/job.ts': 'export const job = 1;\n',
      }),
    );
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('config-imports-only-below');
    expect(run.output).toContain('src/config/env.ts → src/worker/job.ts');
  });

  it('fails on a sideways import between the worker and the intake side', () => {
    const run = checkLayers(
      tree({
        'src/intake/http/route.ts':
          "import { publish } from '../../worker/publish.js';\nexport const r = publish;\n",
        'src/worker/publish.ts': 'export const publish = 1;\n',
      }),
    );
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('intake-imports-only-below');
    expect(run.output).toContain('src/intake/http/route.ts → src/worker/publish.ts');
  });

  it('fails when the simulator imports the CookiePay client (it must stay an independent witness)', () => {
    const run = checkLayers(
      tree({
        'src/simulator/route.ts':
          "import { client } from '../cookiepay/client.js';\nexport const r = client;\n",
        'src/cookiepay/client.ts': 'export const client = 1;\n',
      }),
    );
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('simulator-imports-only-below');
  });

  it("fails when the simulator imports CookiePay's endpoint schemas (its request tables are its own)", () => {
    const run = checkLayers(
      tree({
        'src/simulator/route.ts':
          "import { schema } from '../cookiepay/schemas/url-pay.js';\nexport const r = schema;\n",
        'src/cookiepay/schemas/url-pay.ts': 'export const schema = 1;\n',
      }),
    );
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('simulator-imports-only-below');
  });

  it('fails when the probe imports the simulator (it judges CookiePay by its own reading)', () => {
    const run = checkLayers(
      tree({
        'src/main/probe/check.ts':
          "import { profiles } from '../../simulator/assumptions.js';\nexport const c = profiles;\n",
        'src/main/run-probe.ts': "import { c } from './probe/check.js';\nexport const r = c;\n",
        'src/main/run-simulator.ts':
          "import { profiles } from '../simulator/assumptions.js';\nexport const s = profiles;\n",
        'src/simulator/assumptions.ts': 'export const profiles = 1;\n',
      }),
    );
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('probe-never-imports-the-simulator');
    expect(run.output).toContain('src/main/probe/check.ts → src/simulator/assumptions.ts');
    expect(run.output).not.toContain('src/main/run-simulator.ts →');
  });

  it('fails on an import cycle inside one layer', () => {
    const run = checkLayers(
      tree({
        'src/worker/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
        'src/worker/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      }),
    );
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('no-circular');
  });

  it('fails when anything imports an entry point', () => {
    const run = checkLayers(
      tree({
        'src/main/run.ts': "import { cli } from '../bin/cli.js';\nexport const r = cli;\n",
        'src/bin/cli.ts': 'export const cli = 1;\n',
      }),
    );
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('nothing-imports-an-entry-point');
  });
});
