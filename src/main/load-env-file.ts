import { existsSync } from 'node:fs';

/**
 * Loads `.env` from the working directory into process.env when there is one (variables already set win).
 * Called by the CLI entry only, before the one read of the environment.
 */
export const loadEnvFile = (path = '.env'): boolean => {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
};
