/**
 * The id of a job's result on `cookiepay-results`: derived from the source queue and job id, so a job that runs
 * twice (a crashed worker's job taken over by another) publishes no second result. A job an operator retried
 * after it had used all its attempts is a new run, and gets its own id.
 */
export const resultJobId = (
  sourceQueue: string,
  sourceJobId: string,
  attemptsMade: number,
  maxAttempts: number,
) =>
  attemptsMade < maxAttempts
    ? `${sourceQueue}-${sourceJobId}`
    : `${sourceQueue}-${sourceJobId}-run${attemptsMade}`;
