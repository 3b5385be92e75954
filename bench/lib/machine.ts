import { availableParallelism, cpus, freemem, totalmem } from 'node:os';
import { Redis } from 'ioredis';

export interface MachineInfo {
  node: string;
  platform: string;
  arch: string;
  cores: number;
  cpuModel: string;
  totalMemMb: number;
  freeMemMb: number;
  redisVersion: string;
}

export const machineInfo = async (redisUrl: string): Promise<MachineInfo> => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  let redisVersion = 'unknown';
  try {
    const info = await redis.info('server');
    redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemMb: Math.round(totalmem() / 2 ** 20),
    freeMemMb: Math.round(freemem() / 2 ** 20),
    redisVersion,
  };
};
