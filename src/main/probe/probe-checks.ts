/**
 * What `cookiepay-worker probe` checks, one entry per assumption the worker rests on where the manual is silent:
 * what the manual says, the default reading (the simulator's `manual-literal` profile: what the worker was first
 * written for and what the tests answer unless told otherwise), the simulator profiles that test it and how the
 * probe looks at it. docs/cookiepay-assumptions.md is the same table for readers.
 */
export const checkIds = [
  'token-issue',
  'token-rejection',
  'header-case',
  'bill-no',
  'urlpay-answer',
  'urlcert-unpaid',
  'paycert-unknown-tid',
  'duplicate-delivery',
  'virtual-account',
  'notification-encoding',
] as const;

export type CheckId = (typeof checkIds)[number];

export interface CheckInfo {
  title: string;
  /** What the manual says, quoted briefly. */
  manual: string;
  /** The default reading a verdict compares with (`as assumed` when CookiePay answers so). */
  assumed: string;
  /** The simulator profiles that test it: `manual-literal` first, then the alternatives. */
  profiles: readonly string[];
  /** How the probe checks it. */
  how: string;
}

export const probeChecks: Record<CheckId, CheckInfo> = {
  'token-issue': {
    title: 'Token issue',
    manual:
      'POST /payAuth/token {pay2_id, pay2_key}; the samples go on when RTN_CD == "0000" and send its TOKEN',
    assumed: 'RTN_CD 0000 and TOKEN, a JWT whose exp says how long it lives',
    profiles: ['manual-literal'],
    how: 'asks for a token with COOKIEPAY_API_ID / COOKIEPAY_API_KEY; reads RTN_CD, RTN_MSG, whether TOKEN is a JWT and its exp − iat',
  },
  'token-rejection': {
    title: 'A rejected TOKEN',
    manual: 'no code for a bad or expired TOKEN: "정상 : 0000, 그외 에러" (0000, anything else an error)',
    assumed: 'a RESULTCODE error whose message names the token (토큰 / TOKEN)',
    profiles: ['manual-literal', 'token-http-401', 'token-rtn-cd', 'token-resultcode'],
    how: "urlcert of the probe's own link with a made-up TOKEN (a JWT nobody signed); reads the HTTP status, fields, code and message",
  },
  'header-case': {
    title: 'Header names ApiKey and TOKEN',
    manual:
      'the samples write -H "ApiKey: …" and -H "TOKEN: …"; HTTP says names have no case, but a PHP backend reading getallheaders()[\'ApiKey\'] would miss "apikey"',
    assumed:
      'CookiePay may require ApiKey and TOKEN exactly as the manual writes them (another case refused); the worker sends them so',
    profiles: ['manual-literal', 'any-header-case'],
    how: 'the same urlpay (same BILL_NO) with "ApiKey" and with "apikey", the same urlcert with "TOKEN" and with "token"; compares the answers',
  },
  'bill-no': {
    title: 'An unknown BILL_NO, sent twice',
    manual:
      'BILL_NO 20 청구서 고유 번호 선택: "청구서 고유번호 입력시 같은 청구서 주소로 재발송 가능합니다" (with it, the same bill address can be re-sent); nothing on a number CookiePay has not seen',
    assumed:
      'an unknown BILL_NO makes a new bill under that number; the same number again gives the same URLKEY',
    profiles: ['manual-literal', 'bill-no-refused'],
    how: 'urlpay twice with a new BILL_NO (REQ_TYPE empty, the smallest amount); compares the URLKEYs and reads the BILL_NO answered; when refused, once more without BILL_NO',
  },
  'urlpay-answer': {
    title: 'A 0000 urlpay answer',
    manual: 'answer table: URLKEY 20 필수, PAYURL 50 필수, BILL_NO 20 선택',
    assumed: 'a 0000 answer carries URLKEY and PAYURL',
    profiles: ['manual-literal'],
    how: 'reads the fields of its first 0000 urlpay answer',
  },
  'urlcert-unpaid': {
    title: 'urlcert of a link nobody paid',
    manual: 'RESULTCODE "정상 : 0000, 그외 에러 EA01: 결제 미진행 에러코드" (EA01: not paid)',
    assumed: 'EA01',
    profiles: ['manual-literal'],
    how: "urlcert of the probe's own unpaid link with the real TOKEN",
  },
  'paycert-unknown-tid': {
    title: 'paycert of an unknown TID',
    manual:
      'not in the pages at hand ({"tid"} comes from CookiePay\'s own plugins); nothing on an unknown TID',
    assumed:
      'a RESULTCODE error other than EA01, unlike the answer to a rejected TOKEN (the simulator: E006)',
    profiles: ['manual-literal'],
    how: 'paycert of a TID nobody has (PROBE…) with the real TOKEN; compares it with the made-up-TOKEN answer',
  },
  'duplicate-delivery': {
    title: 'The same delivery registered twice',
    manual: '/escro/delivery_add: RESULTCODE "성공시 0000, 그외 에러"; nothing on a registration sent again',
    assumed: 'the same TID and waybill registered again answers 0000 again',
    profiles: ['manual-literal', 'duplicate-delivery-error'],
    how: 'only with --paid-tid (never with --live): paycert of that TID for its AMOUNT, then one test delivery (waybill PROBE…) registered twice',
  },
  'virtual-account': {
    title: 'A virtual account (VACCT)',
    manual:
      'PAYMETHOD VACCT(가상계좌); ACCOUNTNO "가상계좌 이용 시 리턴 값", DEPOSITENDDATE 계좌사용만료일; nothing separates "issued" from "paid into"',
    assumed:
      'a 0000 answer means the money is in (the simulator by default deposits a virtual account at once)',
    profiles: ['manual-literal', 'virtual-account-deposit-later'],
    how: 'only with --vacct-tid (or a --paid-tid that is one): paycert of that TID; reads PAYMETHOD, ACCOUNTNO, ACCEPTNO, ACCEPTDATE, DEPOSITENDDATE',
  },
  'notification-encoding': {
    title: 'How a notification (Noti) is encoded',
    manual: '"통지 전문(Noti)은 JSON POST 형식으로 전송됩니다" (a JSON POST); the Content-Type is not stated',
    assumed: 'JSON with Content-Type: application/json',
    profiles: ['manual-literal', 'notification-form', 'notification-no-content-type'],
    how: 'it cannot: the probe receives no notification',
  },
};

/**
 * The simulator's switch for each alternative profile (`SIMULATOR_ASSUMPTIONS` takes them): the probe names the
 * profile CookiePay answered like, and the switches to run the tests that way. Written here, not imported: the
 * probe never depends on the simulator (a unit test checks they agree).
 */
export const profileSwitches = {
  'bill-no-refused': { billNoUnknown: 'refused' },
  'duplicate-delivery-error': { duplicateDelivery: 'error' },
  'token-http-401': { tokenRejection: 'http-401' },
  'token-rtn-cd': { tokenRejection: 'rtn-cd' },
  'token-resultcode': { tokenRejection: 'resultcode' },
  'virtual-account-deposit-later': { virtualAccount: 'deposit-later' },
  'notification-form': { notificationEncoding: 'form' },
  'notification-no-content-type': { notificationEncoding: 'none' },
  'any-header-case': { strictHeaderCase: false },
} as const satisfies Record<string, Record<string, string | boolean>>;

export type AlternativeProfile = keyof typeof profileSwitches;

/**
 * What the worker does, per situation a check may find: the texts of the "worker" line. One place, so that a change
 * of the worker's behaviour changes them here (and in docs/cookiepay-assumptions.md).
 */
export const workerDoes = {
  tokenKept:
    'takes one token for all its processes (kept in Redis) and uses it until its exp minus COOKIEPAY_TOKEN_SAFETY_MARGIN_MS',
  tokenWithoutExp:
    'cannot read a lifetime: keeps the token COOKIEPAY_TOKEN_TTL_MS (default 50 minutes), then fetches another',
  tokenNotIssued: 'gets no token: every urlcert, paycert and delivery job fails',
  tokenOtherShape:
    'reads RTN_CD and TOKEN from the token answer: without them it is INVALID_RESPONSE and no TOKEN call works',
  tokenRejection:
    'takes any answer other than 0000/EA01 on a TOKEN endpoint (RTN_CD-shaped ones and HTTP 401/403 too) for a possibly rejected token: one shared refresh (one new token for all processes) and one repeat of the call, without using an attempt; refused again with the fresh token, the job ends TOKEN_REJECTED',
  tokenNotRefused:
    'cannot notice a rejected token that CookiePay answers this way: it would keep the cached token until its exp',
  headersExact:
    'sends ApiKey, TOKEN and Content-Type exactly as the manual writes them (not lower-cased as got would), so a CookiePay that compares names exactly reads them',
  billNoOwn:
    "sends a BILL_NO of its own (derived from the job id) when a job has none, so that a retry after a lost answer re-sends the same bill; the result's billNo is CookiePay's when it answers one",
  billNoRefused:
    "sends a BILL_NO of its own on every link: refused, a job's link is not made with it; the result says so instead of a link",
  billNoNewLinks:
    'relies on the same BILL_NO giving the same link: a retry after a lost answer would make a second link for one order',
  urlPayAnswer:
    'requires URLKEY and PAYURL on a 0000 answer (else INVALID_RESPONSE: retried, then a failure); the result carries both and billNo',
  notPaidYet:
    'reads EA01 as not paid yet: a status job looks again every STATUS_POLL_INTERVAL_MS without using an attempt, until STATUS_POLL_TIMEOUT_MS after it was added (then unpaid, code EA01)',
  unpaidReadsPaid:
    'reads a 0000 answer without CANCELDATE as a payment: a link nobody paid would be reported paid',
  unknownTid:
    "takes an answer other than 0000/EA01 first for a rejected token (one shared refresh, one repeat, no attempt used); the same answer with the fresh token is the status check's result with CookiePay's code",
  unknownTidLikeToken:
    'cannot tell an unknown TID from a rejected TOKEN: each such status check costs a token refresh and ends as TOKEN_REJECTED',
  duplicateOk: 'a registration sent again (a retry after a lost answer) is answered 0000: the job succeeds',
  duplicateRefused:
    'never turns a registration that succeeded into a failure: a refusal of a registration it had already sent (a retry after a lost answer) is reported as registered',
  virtualAccountIssued:
    'reports paymentStatus "awaiting_deposit" with the account, bank and deadline, never "paid"; a status check keeps looking until the deposit or the deadline; a notification of the issued account is not verified as paid',
  virtualAccountPaid: 'reports it paid (ACCEPTNO set: the money arrived)',
  notificationAnyEncoding:
    'keeps a notification whatever its content type (JSON, form-encoded, none), answers <RESULT>SUCCESS</RESULT>, and reads it by its body',
} as const;
