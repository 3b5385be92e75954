import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

/** An HTTP request seen on the loopback interface: when its first segment passed the kernel, and its path. */
export interface WireRequest {
  /** Epoch ms, from the kernel's capture timestamp. */
  at: number;
  path: string;
}

export interface WireCapture {
  /** Stops the capture and returns every request it saw, in order (the same answer when called again). */
  stop(): Promise<WireRequest[]>;
}

/**
 * Whether requests on loopback can be captured here: `tcpdump` on PATH and allowed to capture (root, or the
 * capabilities). Debian: `apt-get install tcpdump`.
 */
export const canCaptureLoopback = (): boolean =>
  spawnSync('tcpdump', ['-i', 'lo', '-d'], { stdio: 'ignore', timeout: 5_000 }).status === 0;

/** Packets to `port` whose TCP payload starts with "POST" (the first segment of each POST request). */
const postFilter = (port: number) => `tcp dst port ${port} and tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x504f5354`;

/**
 * Captures the POST requests sent to `port` on loopback with tcpdump, timestamped by the kernel as they pass the
 * interface: when they really left, however busy the sender's or the receiver's event loop was. Resolves once
 * tcpdump listens.
 */
export const startWireCapture = async (port: number): Promise<WireCapture> => {
  const child = spawn('tcpdump', ['-i', 'lo', '-n', '-tt', '-l', '-A', '-s', '256', postFilter(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const requests: WireRequest[] = [];
  let current: WireRequest | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const header = /^(\d+\.\d+) IP /.exec(line);
    if (header) {
      current = { at: Number(header[1]) * 1000, path: '' };
      requests.push(current);
      return;
    }
    const request = /POST (\/\S*) HTTP\//.exec(line);
    if (current && current.path === '' && request) current.path = request[1] as string;
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`tcpdump exited (${code}): ${stderr.trim()}`)));
    child.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let stopped: Promise<WireRequest[]> | undefined;
  return {
    stop: () => {
      stopped ??= (async () => {
        child.kill('SIGINT');
        await closed;
        return requests.filter((r) => r.path !== '');
      })();
      return stopped;
    },
  };
};
