import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CommandLineError, checkCommandFlags } from '../../../src/main/command-flags.js';

const options = { 'dry-run': { type: 'boolean' }, 'job-id': { type: 'string' } } as const;
const tokensOf = (args: string[]) =>
  parseArgs({ args, options, allowPositionals: true, tokens: true }).tokens;

describe('checkCommandFlags', () => {
  it('takes the flags of the command, once each', () => {
    expect(() =>
      checkCommandFlags('upload', tokensOf(['upload', 'f.csv', '--dry-run']), ['dry-run']),
    ).not.toThrow();
    expect(() => checkCommandFlags('upload', tokensOf(['upload', 'f.csv']), ['dry-run'])).not.toThrow();
  });

  it('refuses a flag given twice, naming it', () => {
    expect(() =>
      checkCommandFlags('upload', tokensOf(['upload', 'f.csv', '--dry-run', '--dry-run']), ['dry-run']),
    ).toThrow(new CommandLineError('--dry-run', '--dry-run is given more than once'));
  });

  it('refuses a flag of another command, naming it', () => {
    expect(() => checkCommandFlags('batch', tokensOf(['batch', 'b-1', '--dry-run']), [])).toThrow(
      'batch does not take --dry-run (it takes no flags)',
    );
    expect(() =>
      checkCommandFlags('upload', tokensOf(['upload', 'f', '--job-id', 'x']), ['dry-run']),
    ).toThrow('upload does not take --job-id (it takes --dry-run)');
  });

  it('leaves unknown flags and values of a boolean to parseArgs, which refuses them', () => {
    expect(() => tokensOf(['upload', 'f.csv', '--dryrun'])).toThrow();
    expect(() => tokensOf(['upload', 'f.csv', '--dry-run=yes'])).toThrow();
    expect(() => tokensOf(['upload', 'f.csv', '--DRY-RUN'])).toThrow();
  });
});
