import { existsSync } from 'node:fs';

/** Where Chromium or Chrome usually is, in the order they are tried after CHROMIUM_PATH. */
export const chromiumPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
] as const;

/**
 * The Chromium the e2e tests drive: CHROMIUM_PATH when set (it must exist), else the first of `chromiumPaths`
 * that exists. Throws, saying how to get one, when there is none.
 */
export const findChromium = (
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = existsSync,
): string => {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (exists(fromEnv)) return fromEnv;
    throw new Error(
      `CHROMIUM_PATH is ${fromEnv}, which does not exist: point it at a Chromium or Chrome binary`,
    );
  }
  const found = chromiumPaths.find((path) => exists(path));
  if (found) return found;
  throw new Error(
    [
      'No Chromium for the e2e tests. Any one of these works:',
      '  - Debian/Ubuntu: apt-get install chromium (Ubuntu may call it chromium-browser);',
      '  - macOS: brew install --cask chromium;',
      '  - set CHROMIUM_PATH=/path/to/chromium (or Chrome).',
      `Looked in: ${chromiumPaths.join(', ')}.`,
    ].join('\n'),
  );
};
