import type { Queue } from 'bullmq';
import type { JobResult } from '../../src/contract/result-schema.js';
import type { WorkerProcess } from '../helpers/worker-process.js';

/** How many results each source job got. */
export const resultCountsBySource = (results: readonly JobResult[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const result of results) {
    const key = `${result.sourceQueue}/${result.sourceJobId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

/** Source jobs with more than one result, and expected ones with none. */
export const resultAnomalies = (results: readonly JobResult[], expectedKeys: readonly string[]) => {
  const counts = resultCountsBySource(results);
  return {
    duplicated: [...counts].filter(([, n]) => n > 1).map(([key]) => key),
    missing: expectedKeys.filter((key) => !counts.has(key)),
    unexpected: [...counts.keys()].filter((key) => !expectedKeys.includes(key)),
  };
};

/** The states a source queue's jobs are left in; `unfinished` = active + waiting + delayed + prioritized. */
export const leftover = async (queue: Queue) => {
  const counts = await queue.getJobCounts('active', 'wait', 'delayed', 'prioritized', 'completed', 'failed');
  const n = (state: string) => counts[state] ?? 0;
  return {
    active: n('active'),
    wait: n('wait'),
    delayed: n('delayed'),
    prioritized: n('prioritized'),
    completed: n('completed'),
    failed: n('failed'),
    unfinished: n('active') + n('wait') + n('delayed') + n('prioritized'),
  };
};

/** True while the process has neither exited nor been killed. */
export const isAlive = (worker: WorkerProcess): boolean =>
  worker.child.exitCode === null && worker.child.signalCode === null;

/** SIGKILLs every process still alive (cleanup). */
export const killAll = async (workers: readonly WorkerProcess[]): Promise<void> => {
  await Promise.all(
    workers.map(async (worker) => {
      if (isAlive(worker)) {
        worker.child.kill('SIGKILL');
        await worker.exited;
      }
    }),
  );
};
