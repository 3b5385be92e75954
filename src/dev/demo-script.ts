import { setTimeout as sleep } from 'node:timers/promises';
import iconv from 'iconv-lite';
import type { UploadReport } from '../batches/batch-types.js';
import type { JobResult } from '../contract/result-schema.js';
import type { Producer } from '../intake/producer/create-producer.js';
import type { SimulatorControl } from '../simulator/control-client.js';

const links = [
  { PRODUCTNAME: '제주 감귤 5kg', AMOUNT: 25_000, BUYERNAME: '김하늘', BUYERHP: '01012345678' },
  { PRODUCTNAME: '유기농 쌀 10kg', AMOUNT: '42000', BUYERNAME: '박서준', BUYERHP: '010-9876-5432' },
  {
    PRODUCTNAME: '한우 선물세트',
    AMOUNT: 129_000,
    BUYERNAME: '이도윤',
    BUYERHP: '01055556666',
    REQ_TYPE: 'SMS',
  },
] as const;

/** One line per result, as an operator would want to read it. */
export const describeResult = (result: JobResult): string => {
  const mark = result.ok ? 'ok  ' : 'FAIL';
  const paymentStatus =
    result.kind === 'status' || result.kind === 'notification' ? result.paymentStatus : undefined;
  const extra = [
    result.response?.PAYURL ? `PAYURL ${String(result.response.PAYURL)}` : '',
    paymentStatus ? `payment ${paymentStatus}` : '',
  ]
    .filter(Boolean)
    .join(' | ');
  return `${mark} ${result.kind.padEnd(8)} ${result.sourceJobId}  ${result.code} ${result.message}${extra ? `  (${extra})` : ''}`;
};

export interface DemoScriptDeps {
  producer: Producer;
  control: SimulatorControl;
  /** Results seen so far, by source job id (filled by the results consumer). */
  results: Map<string, JobResult>;
  write: (line: string) => void;
  runId: string;
  /** Adds urlpay job data as a plain BullMQ client would, without validation; returns the job id. */
  addRawUrlPay: (data: unknown, jobId: string) => Promise<string>;
  /** POSTs a shipment CSV to the HTTP server's batch upload. */
  uploadCsv: (csv: Buffer) => Promise<UploadReport>;
}

const waitFor = async (results: Map<string, JobResult>, ids: string[], timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!ids.every((id) => results.has(id)) && Date.now() < deadline) await sleep(100);
  return ids.map((id) => results.get(id));
};

/**
 * What the demo does once everything runs: create payment links, check them, have the simulator pay two of them
 * (the third stays unpaid), register an escrow delivery for a paid one, and show a rejected invalid job.
 */
export const runDemoScript = async ({
  producer,
  control,
  results,
  write,
  runId,
  addRawUrlPay,
  uploadCsv,
}: DemoScriptDeps): Promise<void> => {
  write('\n1. Three payment links (cookiepay-urlpay)');
  const linkIds = await Promise.all(
    links.map((data, i) => producer.enqueueUrlPay(data, { jobId: `${runId}-link-${i + 1}` })),
  );
  const created = await waitFor(results, linkIds);
  const urlKeys = created.map((r) => String(r?.response?.URLKEY ?? ''));

  write('\n2. Status checks for each link (cookiepay-status): they poll while the links are unpaid');
  const checkIds = await Promise.all(
    urlKeys.map((URLKEY, i) => producer.enqueueStatusCheck({ URLKEY }, { jobId: `${runId}-check-${i + 1}` })),
  );
  await sleep(2_500);
  write(
    '\n3. The buyers of the first two links pay; the simulator sends their notifications, which are verified',
  );
  const paid = [];
  for (const URLKEY of urlKeys.slice(0, 2)) paid.push(await control.pay({ URLKEY }));
  await waitFor(results, checkIds.slice(0, 2));

  write(
    "\n4. The day's shipments as Excel saves them in Korea (CP949, Korean headers), uploaded as one batch",
  );
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  const rows = paid.map(
    ({ payment }, i) =>
      `${payment.TID},${payment.AMOUNT},${links[i]?.BUYERNAME},${today},본인,CJ대한통운,${runId.slice(-6)}00${i},서울특별시 중구 세종대로 110`,
  );
  rows.push(`${paid[0]?.payment.TID},abc,김하늘,20261301,본인,CJ대한통운,1,서울`);
  const csv = [
    'PG 거래 고유번호,결제금액,실수령자,실수령일,실수령자와의 관계,택배사명,운송장번호,배송지주소',
    ...rows,
  ].join('\r\n');
  const report = await uploadCsv(iconv.encode(csv, 'cp949'));
  write(
    `   batch ${report.batchId} (${report.encoding}): ${report.rows} rows, ${report.accepted} accepted, ${report.rejected.length} rejected`,
  );
  for (const row of report.rejected) {
    write(`   line ${row.line}: ${row.issues.map((i) => `${i.field} ${i.reason}`).join('; ')}`);
  }
  await waitFor(results, [report.batchId], 20_000);

  write('\n5. Bad data: the producer refuses it before Redis; a job added by another service is never sent');
  await producer.enqueueUrlPay({ ...links[0], AMOUNT: '12,000', BUYERHP: '010-12' }).catch((error: Error) => {
    write(`   producer: ${error.message}`);
  });
  const rawId = await addRawUrlPay({ ...links[0], PRODUCTNAME: 'A & B', AMOUNT: -1 }, `${runId}-raw-bad`);
  await waitFor(results, [rawId]);
  write('\nThe third link stays unpaid: its status check keeps polling until STATUS_POLL_TIMEOUT_MS.');
};
