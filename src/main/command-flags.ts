/**
 * The CLI's flags read strictly, as the HTTP query is (src/intake/http/strict-query.ts): a flag another command
 * takes, or a flag given twice, is refused with its name instead of being ignored (`upload --dry-run --dry-run`,
 * `batch x --dry-run`). `node:util` parseArgs already refuses unknown flags and values given to a boolean flag.
 */

/** A flag as parseArgs' tokens give it: its name as defined (`dry-run`), and as typed (`--dry-run`). */
export interface FlagToken {
  kind: string;
  name?: string | undefined;
  rawName?: string | undefined;
}

/** Why a command line was refused, naming the flag. */
export class CommandLineError extends Error {
  override readonly name = 'CommandLineError';

  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Throws a CommandLineError for the first flag of `tokens` that `command` does not take (`allowed`, `help`
 * always), or that is given more than once. Pure.
 */
export const checkCommandFlags = (
  command: string,
  tokens: readonly FlagToken[],
  allowed: readonly string[],
): void => {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !token.name) continue;
    const shown = token.rawName ?? `--${token.name}`;
    if (token.name !== 'help' && !allowed.includes(token.name)) {
      const takes =
        allowed.length === 0 ? 'takes no flags' : `takes ${allowed.map((flag) => `--${flag}`).join(', ')}`;
      throw new CommandLineError(shown, `${command} does not take ${shown} (it ${takes})`);
    }
    if (seen.has(token.name)) throw new CommandLineError(shown, `${shown} is given more than once`);
    seen.add(token.name);
  }
};
