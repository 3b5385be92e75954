/** The queue contract other services rely on. Keep these names stable. */
export const queueNames = {
  urlpay: 'cookiepay-urlpay',
  delivery: 'cookiepay-delivery',
  status: 'cookiepay-status',
  /** Cancels (refunds) of a payment, whole or in part (`/api/cancel`). */
  cancel: 'cookiepay-cancel',
  results: 'cookiepay-results',
  /** Payment notifications (Noti) received over HTTP, each a job that verifies it with CookiePay. */
  notifications: 'cookiepay-notifications',
  /** The reconciliation against CookiePay's payment history (/api/paysearch), run by a job scheduler. */
  reconcile: 'cookiepay-reconcile',
} as const;

/** The kinds of work a job can be; a result's job name is its kind. */
export const jobKinds = ['urlpay', 'delivery', 'status', 'cancel'] as const;
export type JobKind = (typeof jobKinds)[number];

/** Result kinds: the job kinds plus what later features publish (verified notifications, batches). */
export const resultKinds = [...jobKinds, 'notification', 'batch', 'payment', 'reconcile'] as const;
export type ResultKind = (typeof resultKinds)[number];

/** What the worker runs: the job kinds of the contract plus the verification of notifications. */
export const workerKinds = [...jobKinds, 'notification'] as const;
export type WorkerKind = (typeof workerKinds)[number];

/** The queue each worker kind takes its jobs from. */
export const workerQueueNames: Record<WorkerKind, string> = {
  urlpay: queueNames.urlpay,
  delivery: queueNames.delivery,
  status: queueNames.status,
  cancel: queueNames.cancel,
  notification: queueNames.notifications,
};

export const defaultQueuePrefix = 'bull';

export const queueNameOf = (kind: JobKind): string => queueNames[kind];
