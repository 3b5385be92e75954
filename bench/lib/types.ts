/** One row of the table: a figure beside its baseline, measured in the same run. */
export interface ScenarioResult {
  /** Scenario file name, e.g. `pipeline-throughput`. */
  id: string;
  title: string;
  figure: number | null;
  baseline: number | null;
  unit: string;
  /** e.g. `ratio ≥ 0.8`, `≤ 50`. */
  target: string;
  pass: boolean | null;
  /** How the baseline figure was obtained when it was not measured directly. */
  baselineNote?: string;
  conditions: Record<string, string | number | boolean>;
  /** Further figures (secondary targets, timings, counts). */
  details: Record<string, number | string | boolean | null>;
  status: 'measured' | 'pending' | 'error';
  error?: string;
}

export interface BenchContext {
  redisUrl: string;
  quick: boolean;
  cores: number;
  node: string;
}

/** A scenario gives one row per target it checks (a figure and its own baseline each). */
export type Scenario = (ctx: BenchContext) => Promise<ScenarioResult[]>;
