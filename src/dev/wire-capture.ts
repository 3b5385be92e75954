import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Reads a capture file back: one WireRequest per POST, with the kernel's timestamp and the request's path. */
const readCapture = (file: string): WireRequest[] => {
  const read = spawnSync('tcpdump', ['-r', file, '-n', '-tt', '-A'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const requests: WireRequest[] = [];
  let current: WireRequest | undefined;
  for (const line of read.stdout.split('\n')) {
    const header = /^(\d+\.\d+) IP /.exec(line);
    if (header) {
      current = { at: Number(header[1]) * 1000, path: '' };
      requests.push(current);
      continue;
    }
    const request = /POST (\/\S*) HTTP\//.exec(line);
    if (current && current.path === '' && request) current.path = request[1] as string;
  }
  return requests.filter((r) => r.path !== '');
};

/**
 * Captures the POST requests sent to `port` on loopback with tcpdump, timestamped by the kernel as they pass the
 * interface: when they really left, however busy the sender's or the receiver's event loop was. The packets go to a
 * file through a large kernel buffer (nothing to decode while the machine is busy, so none is dropped: a capture
 * that lost packets says so and fails) and are read back when it stops. Resolves once tcpdump listens.
 */
export const startWireCapture = async (port: number): Promise<WireCapture> => {
  const dir = mkdtempSync(join(tmpdir(), 'wire-'));
  const file = join(dir, 'capture.pcap');
  const child = spawn(
    'tcpdump',
    ['-i', 'lo', '-n', '-s', '256', '-B', '16384', '--immediate-mode', '-U', '-w', file, postFilter(port)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
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
        const dropped = /(\d+) packets? dropped by kernel/.exec(stderr);
        try {
          if (dropped && Number(dropped[1]) > 0)
            throw new Error(`the capture lost ${dropped[1]} packets (kernel buffer): not a measurement`);
          return readCapture(file);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      })();
      return stopped;
    },
  };
};
