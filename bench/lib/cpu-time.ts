import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux builds). */
const ticksPerSecond = 100;

/**
 * CPU time (user + system, all threads) a process has used so far, in ms; undefined where /proc is not there.
 * Resolution is one clock tick (10 ms), fine over the seconds a drain runs.
 */
export const processCpuMs = async (pid: number | undefined): Promise<number | undefined> => {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
};

/** CPU time the Redis server has used so far, in ms (INFO cpu). */
export const redisCpuMs = async (redis: Redis): Promise<number | undefined> => {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);
  const ms = (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
  return Number.isFinite(ms) ? ms : undefined;
};

export type CpuSnapshot = Record<string, number | undefined>;

/** CPU used by each named process and by Redis, read at one moment. */
export const cpuSnapshot = async (pids: Record<string, number | undefined>, redis: Redis) => {
  const entries = await Promise.all(
    Object.entries(pids).map(async ([name, pid]) => [name, await processCpuMs(pid)] as const),
  );
  return { ...Object.fromEntries(entries), redis: await redisCpuMs(redis) } as CpuSnapshot;
};

/** CPU ms per job between two snapshots, per name (names missing from either are left out). */
export const cpuMsPerJob = (before: CpuSnapshot, after: CpuSnapshot, jobs: number) =>
  Object.fromEntries(
    Object.keys(after).flatMap((name) => {
      const [a, b] = [before[name], after[name]];
      return a === undefined || b === undefined ? [] : [[name, (b - a) / jobs] as const];
    }),
  );
