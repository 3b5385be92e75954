import type { z } from 'zod';
import { fieldProblemsOf } from '../shared/field-problems.js';

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
    // Parsed without reportInput: every wrong type reads "is required" (environment values are strings, so only a
    // missing one has the wrong type). The variables are flat, so a field is a variable's name.
    throw new ConfigError(
      fieldProblemsOf(result.error, { root: '(environment)', missingIsRequired: true }).map(
        ({ field, reason }) => ({ variable: field, reason }),
      ),
    );
  }
  return Object.freeze(result.data);
};
