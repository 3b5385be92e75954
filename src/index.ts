/**
 * The package's public API for other Node services: the queue contract (names, job data and result schemas and
 * their types), the producer, the results consumer, and the CookiePay client and simulator for those who want
 * them directly.
 */

export { InvalidPayloadError } from './contract/invalid-payload-error.js';
export { cancelJobId, deliveryJobId, jobIdProblem } from './contract/job-ids.js';
export {
  type CancelJobData,
  cancelJobSchema,
  type DeliveryJobData,
  deliveryJobSchema,
  jobSchemas,
  type StatusJobData,
  statusJobSchema,
  type UrlPayJobData,
  urlPayJobSchema,
} from './contract/job-schemas.js';
export { contractJsonSchemas } from './contract/json-schemas.js';
export {
  defaultQueuePrefix,
  type JobKind,
  jobKinds,
  queueNames,
  type ResultKind,
  resultKinds,
} from './contract/names.js';
export { parseJobData } from './contract/parse-job-data.js';
export { resultCodeSchema, type WorkerResultCode, workerResultCodes } from './contract/result-codes.js';
export {
  type BatchResult,
  type CancelResult,
  type DeliveryResult,
  type JobResult,
  type NotificationResult,
  paymentStatuses,
  resultSchema,
  type StatusResult,
  type UrlPayResult,
} from './contract/result-schema.js';
export { type CookiePay, type CookiePayOptions, createCookiePay } from './cookiepay/create-cookiepay.js';
export { CookiePayError, type CookiePayErrorCode, cookiePayErrorCodes } from './cookiepay/errors.js';
export {
  type ConsumeResultsOptions,
  consumeResults,
  type ResultsConsumer,
} from './intake/producer/consume-results.js';
export {
  createProducer,
  type EnqueueOptions,
  type Producer,
  type ProducerOptions,
} from './intake/producer/create-producer.js';
export type { FieldProblem } from './shared/field-problems.js';
export { createSimulatorControl, type SimulatorControl } from './simulator/control-client.js';
export { type RunningSimulator, startSimulator } from './simulator/start-simulator.js';
