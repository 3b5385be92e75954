/** The queue contract other services rely on. Keep these names stable. */
export const queueNames = {
  urlpay: 'cookiepay-urlpay',
  delivery: 'cookiepay-delivery',
  status: 'cookiepay-status',
  results: 'cookiepay-results',
} as const;

/** The kinds of work a job can be; a result's job name is its kind. */
export const jobKinds = ['urlpay', 'delivery', 'status'] as const;
export type JobKind = (typeof jobKinds)[number];

/** Result kinds: the three job kinds plus what later features publish (verified notifications, batches). */
export const resultKinds = [...jobKinds, 'notification', 'batch'] as const;
export type ResultKind = (typeof resultKinds)[number];

export const defaultQueuePrefix = 'bull';

export const queueNameOf = (kind: JobKind): string => queueNames[kind];
