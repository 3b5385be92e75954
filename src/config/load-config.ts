import type { z } from 'zod';

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** A configuration problem: names each variable and the reason, never the value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: readonly { variable: string; reason: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.variable} ${p.reason}`).join('\n')}`);
  }
}

/**
 * Reads the environment once through a schema. Pure: the caller passes the environment (the entry points pass
 * `process.env`); a missing or invalid value throws a ConfigError naming the variable.
 */
export const loadConfig = <Schema extends z.ZodType>(
  schema: Schema,
  env: EnvSource,
): Readonly<z.output<Schema>> => {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        reason: issue.code === 'invalid_type' ? 'is required' : issue.message,
      })),
    );
  }
  return Object.freeze(result.data);
};
