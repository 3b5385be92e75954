import { answeredCode, type Exchange, readAnswer, textField } from './probe-answer.js';
import { checkIds, profileSwitches } from './probe-checks.js';
import type { ProbeHttp, RawProbeAnswer } from './probe-http.js';
import {
  type DeliveryExchanges,
  type Finding,
  judgeBillNo,
  judgeDuplicateDelivery,
  judgeHeaderCase,
  judgeNotificationEncoding,
  judgePayCertUnknownTid,
  judgeTokenIssue,
  judgeTokenRejection,
  judgeUrlCertUnpaid,
  judgeUrlPayAnswer,
  judgeVirtualAccount,
  notTried,
} from './probe-verdicts.js';

/** Which CookiePay is probed: the sandbox, live (only with --live), or any other URL (a simulator). */
export type ProbeMode = 'sandbox' | 'live' | 'other';

export interface ProbeOptions {
  baseUrl: string;
  mode: ProbeMode;
  credentials: { apiId: string; apiKey: string };
  /** AMOUNT of the probe's payment links, digits (nobody pays them). */
  amount: string;
  /** A paid sandbox payment to register a test delivery on, twice (never live). */
  paidTid?: string | undefined;
  /** A virtual-account payment to read (paycert only). */
  vacctTid?: string | undefined;
}

export interface ProbeDeps {
  http: ProbeHttp;
  now: () => number;
  /** `length` random characters of [0-9A-Z]. */
  randomId: (length: number) => string;
}

export interface ProbeReport {
  baseUrl: string;
  host: string;
  mode: ProbeMode;
  startedAt: string;
  amount: string;
  findings: Finding[];
  /** Every check ran: a token was issued and every request was answered. Otherwise the exit code is 1. */
  complete: boolean;
  /** Why it is not complete. */
  problems: string[];
  /** The simulator switches that answer as CookiePay did (for SIMULATOR_ASSUMPTIONS); empty: manual-literal. */
  simulatorAssumptions: Record<string, string | boolean>;
}

/** The link requests' fields: nothing is sent to anyone (REQ_TYPE empty: only the payment window is made). */
const linkFields = (apiId: string, amount: string, billNo: string | undefined) => ({
  API_ID: apiId,
  PRODUCTNAME: 'cookiepay-worker probe',
  AMOUNT: amount,
  BUYERNAME: '프로브',
  BUYERHP: '01000000000',
  REQ_TYPE: '',
  ...(billNo === undefined ? {} : { BILL_NO: billNo }),
});

/** Today in Korea, YYYYMMDD (CookiePay's dates are KST). */
export const kstDate = (nowMs: number): string =>
  new Date(nowMs + 9 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');

/** A token of the right shape that nobody signed: what a revoked or foreign token looks like. */
export const madeUpToken = (nowMs: number, randomId: (length: number) => string): string => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(nowMs / 1000);
  const header = part({ alg: 'HS256', typ: 'JWT' });
  const payload = part({ user: 'cookiepay-worker-probe', iat, exp: iat + 3_600 });
  return `${header}.${payload}.${Buffer.from(randomId(32)).toString('base64url')}`;
};

/** TOKEN of a 0000 token answer, read from the raw text (the exchange shows it masked). */
const tokenOf = (raw: RawProbeAnswer): string | undefined => {
  if (raw.kind !== 'answered') return undefined;
  try {
    const value: unknown = JSON.parse(raw.text);
    const token = (value as { TOKEN?: unknown } | null)?.TOKEN;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
};

const isVirtualAccount = (exchange: Exchange | undefined): boolean =>
  ['VACCT', 'VACCOUNT'].includes(textField(exchange?.answer, 'PAYMETHOD')?.trim().toUpperCase() ?? '');

/**
 * Checks every assumption against the CookiePay at `options.baseUrl`, in order: the token, two link requests with
 * a new BILL_NO (one more without it when refused), the header spellings, urlcert of the unpaid link, a made-up
 * TOKEN, paycert of an unknown TID, and, when given, a virtual-account TID and a paid TID (a test delivery, twice).
 * Requests go one at a time. Never sends REQ_TYPE other than empty, never pays anything.
 */
export const probeCookiePay = async (options: ProbeOptions, deps: ProbeDeps): Promise<ProbeReport> => {
  const { apiId, apiKey } = options.credentials;
  const secrets = [apiKey];
  const problems: string[] = [];
  const startedAt = new Date(deps.now()).toISOString();

  const send = async (
    path: string,
    sent: string,
    headers: Record<string, string>,
    body: Record<string, unknown>,
  ): Promise<{ exchange: Exchange; raw: RawProbeAnswer }> => {
    const raw = await deps.http.post({ path, headers, body });
    const exchange = readAnswer(path, sent, raw, secrets);
    if (exchange.shape === 'no answer')
      problems.push(`${path} (${sent}): ${exchange.failure ?? 'no answer'}`);
    return { exchange, raw };
  };

  const tokenAnswer = await send('/payAuth/token', 'the account', {}, { pay2_id: apiId, pay2_key: apiKey });
  const token = answeredCode(tokenAnswer.exchange, '0000') ? tokenOf(tokenAnswer.raw) : undefined;
  const findings: Finding[] = [judgeTokenIssue(tokenAnswer.exchange, token)];
  const report = (): ProbeReport => ({
    baseUrl: options.baseUrl,
    host: new URL(options.baseUrl).host,
    mode: options.mode,
    startedAt,
    amount: options.amount,
    findings,
    complete: problems.length === 0,
    problems,
    simulatorAssumptions: Object.assign(
      {},
      ...findings.map((finding) => (finding.profile ? profileSwitches[finding.profile] : {})),
    ),
  });
  if (token === undefined) {
    problems.push('no token was issued: see token-issue');
    for (const id of checkIds.filter((id) => id !== 'token-issue' && id !== 'notification-encoding')) {
      findings.push(notTried(id, 'no token was issued (see token-issue)'));
    }
    findings.push(judgeNotificationEncoding());
    return report();
  }
  secrets.push(token);

  // Links: a BILL_NO CookiePay never saw, twice; when refused, once more without one.
  const billNo = `P${deps.now().toString(36).toUpperCase()}${deps.randomId(11)}`.slice(0, 20);
  const urlPay = (sent: string, headerName: 'ApiKey' | 'apikey', number: string | undefined) =>
    send('/urlpay/request', sent, { [headerName]: apiKey }, linkFields(apiId, options.amount, number));
  const first = (await urlPay('a new BILL_NO', 'ApiKey', billNo)).exchange;
  const second = (await urlPay('the same BILL_NO again', 'ApiKey', billNo)).exchange;
  const withoutBillNo = answeredCode(first, '0000')
    ? undefined
    : (await urlPay('no BILL_NO', 'ApiKey', undefined)).exchange;
  findings.push(judgeBillNo({ billNo, first, second, withoutBillNo }));
  const link = [first, withoutBillNo].find((exchange) => answeredCode(exchange, '0000'));
  findings.push(judgeUrlPayAnswer(link));

  // ApiKey's spelling: the last exact request again, its header name in lower case.
  const exactLink = link === undefined ? undefined : link === first ? second : withoutBillNo;
  const ownBillNo = link === first ? billNo : textField(withoutBillNo?.answer, 'BILL_NO') || undefined;
  const lowerApiKey = exactLink
    ? (await urlPay('as before, header "apikey" (lower case)', 'apikey', ownBillNo)).exchange
    : undefined;

  // urlcert of the unpaid link: with the token as the manual writes its name, in lower case, and a made-up one.
  const urlKey = textField(link?.answer, 'URLKEY');
  const urlCert = (sent: string, headers: Record<string, string>) =>
    send('/api/urlcert', sent, headers, { URLKEY: urlKey ?? `PROBE${deps.randomId(15)}` });
  const unpaid = urlKey ? (await urlCert('the unpaid link', { TOKEN: token })).exchange : undefined;
  const lowerToken = urlKey
    ? (await urlCert('the unpaid link, header "token" (lower case)', { token })).exchange
    : undefined;
  const rejected = (await urlCert('a made-up TOKEN', { TOKEN: madeUpToken(deps.now(), deps.randomId) }))
    .exchange;
  findings.push(judgeTokenRejection(rejected));
  findings.push(
    judgeHeaderCase(
      { exact: exactLink, lower: lowerApiKey, expected: '0000' },
      { exact: unpaid, lower: lowerToken, expected: 'EA01' },
    ),
  );
  findings.push(judgeUrlCertUnpaid(unpaid));

  const payCert = (sent: string, tid: string) => send('/api/paycert', sent, { TOKEN: token }, { tid });
  const unknownTid = (await payCert('a TID nobody has', `PROBE${deps.randomId(15)}`)).exchange;
  findings.push(judgePayCertUnknownTid(unknownTid, rejected));

  const vacct = options.vacctTid
    ? (await payCert('the --vacct-tid payment', options.vacctTid)).exchange
    : undefined;

  // A test delivery on the paid TID, twice: only when given (and never live: refused before the probe starts).
  let delivery: DeliveryExchanges = {
    notTried: options.paidTid ? 'not tried: never with --live' : 'not tried: no --paid-tid given',
  };
  let paid: Exchange | undefined;
  if (options.paidTid && options.mode !== 'live') {
    paid = (await payCert('the --paid-tid payment', options.paidTid)).exchange;
    const amount = textField(paid.answer, 'AMOUNT');
    const cancelled = Boolean(textField(paid.answer, 'CANCELDATE')?.trim());
    delivery = { payCert: paid };
    if (answeredCode(paid, '0000') && amount && !cancelled) {
      const fields = {
        API_ID: apiId,
        TID: options.paidTid,
        AMOUNT: amount,
        RECEIVERNAME: '프로브',
        RECEIVERDATE: kstDate(deps.now()),
        RECEIVERELATION: '본인',
        PARCELNAME: 'cookiepay-worker probe',
        WAYBILLNO: `PROBE${deps.randomId(10)}`,
        DELIVERYADDR: 'cookiepay-worker probe (test delivery)',
      };
      const headers = { ApiKey: apiKey, TOKEN: token };
      const once = (await send('/escro/delivery_add', 'a test delivery', headers, fields)).exchange;
      const again = answeredCode(once, '0000')
        ? (await send('/escro/delivery_add', 'the same delivery again', headers, fields)).exchange
        : undefined;
      delivery = { payCert: paid, first: once, second: again };
    }
  }
  findings.push(judgeDuplicateDelivery(delivery));
  const virtualAccount = vacct ?? (isVirtualAccount(paid) ? paid : undefined);
  findings.push(judgeVirtualAccount(virtualAccount, vacct ? '--vacct-tid' : '--paid-tid'));
  findings.push(judgeNotificationEncoding());

  findings.sort((a, b) => checkIds.indexOf(a.id) - checkIds.indexOf(b.id));
  return report();
};
