import { answeredCode, type Exchange, sameAnswer, textField } from './probe-answer.js';
import {
  type AlternativeProfile,
  type CheckId,
  probeChecks,
  profileSwitches,
  workerDoes,
} from './probe-checks.js';

/**
 * `as assumed`: CookiePay answered as the default reading (the simulator's `manual-literal` profile); `differs`: it
 * answered otherwise (the finding names the profile that answers so, what the worker does then and what to change);
 * `could not check`: the probe could not see it (the finding says how to).
 */
export const verdicts = ['as assumed', 'differs', 'could not check'] as const;
export type Verdict = (typeof verdicts)[number];

export interface Finding {
  id: CheckId;
  title: string;
  manual: string;
  assumed: string;
  /** The requests made for this check and their answers, secrets masked. */
  exchanges: Exchange[];
  /** What was seen, in a sentence. */
  observed: string;
  verdict: Verdict;
  /** The simulator profile that answers as CookiePay did, when it is not `manual-literal`. */
  profile?: AlternativeProfile | undefined;
  /** What the worker does, given what was seen. */
  worker: string;
  /** What to change (a setting, nothing, or a report) when it differs or could not be checked. */
  action?: string | undefined;
}

interface Judged {
  exchanges: Exchange[];
  observed: string;
  verdict: Verdict;
  profile?: AlternativeProfile | undefined;
  worker: string;
  action?: string | undefined;
}

const finding = (id: CheckId, judged: Judged): Finding => {
  const { title, manual, assumed } = probeChecks[id];
  return { id, title, manual, assumed, ...judged };
};

/** The action of a difference the worker copes with: nothing to change, and how the tests answer the same way. */
const nothingToChange = (profile: AlternativeProfile): string =>
  `nothing to change in the worker; the tests answer this way with SIMULATOR_ASSUMPTIONS=${profile} (${JSON.stringify(profileSwitches[profile])})`;

const report = (why: string): string => `report it: the worker needs a change (${why})`;

const clip = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** An answer in a few words: `HTTP 200, RESULTCODE EA01 "결제 미진행"`, or why there was none. */
export const answerText = (exchange: Exchange): string => {
  if (exchange.shape === 'no answer') return `no answer (${exchange.failure ?? 'unknown reason'})`;
  const status = `HTTP ${exchange.httpStatus ?? '?'}`;
  if (exchange.shape === 'not JSON') return `${status}, a body that is not JSON`;
  if (exchange.shape === 'other JSON') return `${status}, JSON without RESULTCODE or RTN_CD`;
  const message = exchange.message === undefined ? '' : ` "${clip(exchange.message)}"`;
  return `${status}, ${exchange.shape} ${exchange.code ?? ''}${message}`;
};

const noAnswer = (exchange: Exchange | undefined): boolean =>
  exchange !== undefined && exchange.shape === 'no answer';

const couldNotReach = (id: CheckId, exchanges: Exchange[], failed: Exchange, worker: string): Finding =>
  finding(id, {
    exchanges,
    observed: `${failed.endpoint}: ${answerText(failed)}`,
    verdict: 'could not check',
    worker,
    action: 'check COOKIEPAY_BASE_URL (the host probed) and the network, then run the probe again',
  });

/** The `iat` and `exp` claims of a JWT, read without verifying anything. */
export const jwtLifetime = (token: string): { iat?: number; exp?: number } | undefined => {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { iat, exp } = claims as { iat?: unknown; exp?: unknown };
    return {
      ...(typeof iat === 'number' ? { iat } : {}),
      ...(typeof exp === 'number' ? { exp } : {}),
    };
  } catch {
    return undefined;
  }
};

/** The token answer: `token` is the TOKEN it carried (never shown), undefined when there was none. */
export const judgeTokenIssue = (exchange: Exchange, token: string | undefined): Finding => {
  const exchanges = [exchange];
  if (noAnswer(exchange)) return couldNotReach('token-issue', exchanges, exchange, workerDoes.tokenNotIssued);
  if (token === undefined || !answeredCode(exchange, '0000')) {
    return finding('token-issue', {
      exchanges,
      observed: `${answerText(exchange)}, no TOKEN`,
      verdict: 'could not check',
      worker: workerDoes.tokenNotIssued,
      action:
        "COOKIEPAY_API_ID / COOKIEPAY_API_KEY: the account of this host (the sandbox's and the live one differ)",
    });
  }
  if (exchange.shape !== 'RTN_CD') {
    return finding('token-issue', {
      exchanges,
      observed: `${answerText(exchange)} with a TOKEN, but no RTN_CD`,
      verdict: 'differs',
      worker: workerDoes.tokenOtherShape,
      action: report('the token answer has another shape'),
    });
  }
  const claims = jwtLifetime(token);
  if (claims?.exp === undefined) {
    return finding('token-issue', {
      exchanges,
      observed: `${answerText(exchange)}; TOKEN ${claims ? 'a JWT without exp' : 'not a JWT'}`,
      verdict: 'differs',
      worker: workerDoes.tokenWithoutExp,
      action: "COOKIEPAY_TOKEN_TTL_MS: shorter than the token's real life (ask CookiePay how long it lives)",
    });
  }
  const life = claims.iat === undefined ? 'no iat' : `exp − iat = ${claims.exp - claims.iat} s`;
  return finding('token-issue', {
    exchanges,
    observed: `${answerText(exchange)}; TOKEN a JWT (${life})`,
    verdict: 'as assumed',
    worker: workerDoes.tokenKept,
  });
};

const SPEAKS_OF_TOKEN = /토큰|token/i;

/** How CookiePay answered a made-up TOKEN, and the profile that answers so (undefined: as assumed). */
const rejectionShape = (
  exchange: Exchange,
): { seen: string; profile?: AlternativeProfile; refused: boolean } => {
  if (exchange.httpStatus === 401 || exchange.httpStatus === 403)
    return { seen: `HTTP ${exchange.httpStatus}`, profile: 'token-http-401', refused: true };
  if (exchange.shape === 'RTN_CD' && exchange.code !== '0000')
    return { seen: 'the RTN_CD/RTN_MSG shape', profile: 'token-rtn-cd', refused: true };
  if (exchange.shape === 'RESULTCODE' && exchange.code !== '0000' && exchange.code !== 'EA01') {
    return SPEAKS_OF_TOKEN.test(exchange.message ?? '')
      ? { seen: 'a RESULTCODE error naming the token', refused: true }
      : { seen: 'a RESULTCODE error with no word of the token', profile: 'token-resultcode', refused: true };
  }
  return { seen: 'no refusal', refused: false };
};

/** urlcert with a made-up TOKEN. */
export const judgeTokenRejection = (exchange: Exchange): Finding => {
  const exchanges = [exchange];
  if (noAnswer(exchange))
    return couldNotReach('token-rejection', exchanges, exchange, workerDoes.tokenRejection);
  const shape = rejectionShape(exchange);
  const observed = `${answerText(exchange)} (fields ${exchange.fields.join(', ') || 'none'}): ${shape.seen}`;
  if (!shape.refused) {
    const why =
      exchange.code === 'EA01'
        ? 'a made-up TOKEN is answered EA01, like an unpaid link: a rejected token would look like a payment not made yet'
        : exchange.code === '0000'
          ? 'a made-up TOKEN was accepted'
          : 'a made-up TOKEN is answered without a result code';
    return finding('token-rejection', {
      exchanges,
      observed,
      verdict: 'differs',
      worker: workerDoes.tokenNotRefused,
      action: report(why),
    });
  }
  return finding('token-rejection', {
    exchanges,
    observed: shape.profile ? `${observed} (as profile ${shape.profile})` : observed,
    verdict: shape.profile ? 'differs' : 'as assumed',
    profile: shape.profile,
    worker: workerDoes.tokenRejection,
    action: shape.profile ? nothingToChange(shape.profile) : undefined,
  });
};

export interface HeaderPair {
  /** The request with the manual's spelling and the same one with the name in lower case. */
  exact?: Exchange | undefined;
  lower?: Exchange | undefined;
  /** The code the exact spelling should get (0000 for urlpay, EA01 for urlcert of an unpaid link). */
  expected: string;
}

type PairOutcome = 'same' | 'lower refused' | 'exact refused' | 'not sent' | 'no answer';

const pairOutcome = (pair: HeaderPair): PairOutcome => {
  if (!pair.exact || !pair.lower) return 'not sent';
  if (noAnswer(pair.exact) || noAnswer(pair.lower)) return 'no answer';
  if (sameAnswer(pair.exact, pair.lower)) return 'same';
  return pair.exact.code === pair.expected ? 'lower refused' : 'exact refused';
};

const pairText = (name: string, pair: HeaderPair, outcome: PairOutcome): string => {
  const lower = name.toLowerCase();
  switch (outcome) {
    case 'not sent':
      return `${name}: not compared (no request to repeat)`;
    case 'no answer':
      return `${name}: not compared (no answer)`;
    case 'same':
      return `"${name}" and "${lower}" answered the same (${answerText(pair.exact as Exchange)})`;
    default:
      return `"${name}" answered ${answerText(pair.exact as Exchange)}, "${lower}" answered ${answerText(pair.lower as Exchange)}`;
  }
};

/**
 * The same requests with `ApiKey` / `apikey` and `TOKEN` / `token`. The default reading: CookiePay may require the
 * manual's spelling (the lower case refused: as assumed; the worker sends it exactly). Both spellings answered alike:
 * `any-header-case`, differs with nothing to change. The manual's spelling answered worse: report it.
 */
export const judgeHeaderCase = (apiKey: HeaderPair, token: HeaderPair): Finding => {
  const exchanges = [apiKey.exact, apiKey.lower, token.exact, token.lower].filter(
    (exchange): exchange is Exchange => exchange !== undefined,
  );
  const outcomes = [pairOutcome(apiKey), pairOutcome(token)];
  const observed = `${pairText('ApiKey', apiKey, outcomes[0] as PairOutcome)}; ${pairText('TOKEN', token, outcomes[1] as PairOutcome)}`;
  const judged = (rest: Omit<Judged, 'exchanges' | 'observed'>) =>
    finding('header-case', { exchanges, observed, ...rest });
  if (outcomes.includes('exact refused')) {
    return judged({
      verdict: 'differs',
      worker: workerDoes.headersExact,
      action: report("CookiePay answers the manual's spelling worse than the lower-case one"),
    });
  }
  if (outcomes.includes('lower refused'))
    return judged({ verdict: 'as assumed', worker: workerDoes.headersExact });
  if (outcomes.includes('same')) {
    return finding('header-case', {
      exchanges,
      observed: `${observed} (as profile any-header-case)`,
      verdict: 'differs',
      profile: 'any-header-case',
      worker: workerDoes.headersExact,
      action: nothingToChange('any-header-case'),
    });
  }
  return judged({
    verdict: 'could not check',
    worker: workerDoes.headersExact,
    action: 'see the urlpay and urlcert checks: the requests to repeat were not answered',
  });
};

export interface BillNoExchanges {
  billNo: string;
  first: Exchange;
  second?: Exchange | undefined;
  /** Sent only when the first was refused: the same link request without BILL_NO. */
  withoutBillNo?: Exchange | undefined;
}

/** urlpay twice with a BILL_NO CookiePay never saw (and once without when refused). */
export const judgeBillNo = ({ billNo, first, second, withoutBillNo }: BillNoExchanges): Finding => {
  const exchanges = [first, second, withoutBillNo].filter((e): e is Exchange => e !== undefined);
  const failed = exchanges.find(noAnswer);
  if (failed) return couldNotReach('bill-no', exchanges, failed, workerDoes.billNoOwn);
  if (answeredCode(first, '0000')) {
    if (!second) {
      return finding('bill-no', {
        exchanges,
        observed: `first: ${answerText(first)}; not sent a second time`,
        verdict: 'could not check',
        worker: workerDoes.billNoOwn,
      });
    }
    const urlKeys = [textField(first.answer, 'URLKEY'), textField(second.answer, 'URLKEY')];
    const answered = textField(first.answer, 'BILL_NO');
    const echo =
      answered === undefined || answered === ''
        ? 'no BILL_NO answered'
        : answered === billNo
          ? 'the BILL_NO sent is answered back'
          : `another BILL_NO answered (${answered})`;
    if (!answeredCode(second, '0000')) {
      return finding('bill-no', {
        exchanges,
        observed: `first: ${answerText(first)} (${echo}); the same again: ${answerText(second)}`,
        verdict: 'differs',
        worker: workerDoes.billNoNewLinks,
        action: report('the same BILL_NO sent again is refused: a retry after a lost answer fails'),
      });
    }
    if (urlKeys[0] !== urlKeys[1]) {
      return finding('bill-no', {
        exchanges,
        observed: `both 0000 but two URLKEYs (${echo})`,
        verdict: 'differs',
        worker: workerDoes.billNoNewLinks,
        action: report('the same BILL_NO makes a new link each time'),
      });
    }
    return finding('bill-no', {
      exchanges,
      observed: `both 0000 with the same URLKEY; ${echo}`,
      verdict: 'as assumed',
      worker: workerDoes.billNoOwn,
    });
  }
  const refused = `${answerText(first)}${second ? `, again ${answerText(second)}` : ''}`;
  if (withoutBillNo && answeredCode(withoutBillNo, '0000')) {
    const own = textField(withoutBillNo.answer, 'BILL_NO');
    const without = own ? `BILL_NO ${own} of CookiePay's making answered` : 'no BILL_NO answered';
    return finding('bill-no', {
      exchanges,
      observed: `an unknown BILL_NO is refused: ${refused}; without BILL_NO: 0000, ${without} (as profile bill-no-refused)`,
      verdict: 'differs',
      profile: 'bill-no-refused',
      worker: workerDoes.billNoRefused,
      action: report(
        'CookiePay refuses BILL_NOs it did not make; the tests answer so with SIMULATOR_ASSUMPTIONS=bill-no-refused',
      ),
    });
  }
  return finding('bill-no', {
    exchanges,
    observed: `urlpay refused with a BILL_NO (${refused})${withoutBillNo ? ` and without (${answerText(withoutBillNo)})` : ''}`,
    verdict: 'could not check',
    worker: workerDoes.billNoOwn,
    action:
      'read the message: an amount refused → run again with --amount <won>; E003 → COOKIEPAY_API_KEY (the ApiKey of this account)',
  });
};

/** The fields of the first 0000 urlpay answer (undefined: none answered 0000). */
export const judgeUrlPayAnswer = (exchange: Exchange | undefined): Finding => {
  if (!exchange) {
    return finding('urlpay-answer', {
      exchanges: [],
      observed: 'no urlpay request was answered 0000 (see bill-no)',
      verdict: 'could not check',
      worker: workerDoes.urlPayAnswer,
    });
  }
  const urlKey = textField(exchange.answer, 'URLKEY') ?? '';
  const payUrl = textField(exchange.answer, 'PAYURL') ?? '';
  const fields = `fields ${exchange.fields.join(', ')}`;
  if (urlKey === '' || payUrl === '') {
    const missing = [urlKey === '' ? 'URLKEY' : '', payUrl === '' ? 'PAYURL' : '']
      .filter(Boolean)
      .join(' and ');
    return finding('urlpay-answer', {
      exchanges: [exchange],
      observed: `0000 without ${missing} (${fields})`,
      verdict: 'differs',
      worker: workerDoes.urlPayAnswer,
      action: report(`a 0000 urlpay answer without ${missing} is refused as INVALID_RESPONSE`),
    });
  }
  const lengths = `URLKEY ${[...urlKey].length} characters (manual: 20), PAYURL ${[...payUrl].length} (manual: 50)`;
  return finding('urlpay-answer', {
    exchanges: [exchange],
    observed: `0000 with URLKEY and PAYURL; ${lengths}; ${fields}`,
    verdict: 'as assumed',
    worker: workerDoes.urlPayAnswer,
  });
};

/** urlcert of the probe's unpaid link with the real token (undefined: no link was made). */
export const judgeUrlCertUnpaid = (exchange: Exchange | undefined): Finding => {
  if (!exchange) {
    return finding('urlcert-unpaid', {
      exchanges: [],
      observed: 'not sent: no payment link was made (see bill-no)',
      verdict: 'could not check',
      worker: workerDoes.notPaidYet,
    });
  }
  const exchanges = [exchange];
  if (noAnswer(exchange)) return couldNotReach('urlcert-unpaid', exchanges, exchange, workerDoes.notPaidYet);
  if (answeredCode(exchange, 'EA01') && exchange.shape === 'RESULTCODE') {
    return finding('urlcert-unpaid', {
      exchanges,
      observed: answerText(exchange),
      verdict: 'as assumed',
      worker: workerDoes.notPaidYet,
    });
  }
  const paid = answeredCode(exchange, '0000');
  return finding('urlcert-unpaid', {
    exchanges,
    observed: answerText(exchange),
    verdict: 'differs',
    worker: paid ? workerDoes.unpaidReadsPaid : workerDoes.tokenRejection,
    action: report(paid ? 'an unpaid link answers 0000' : 'an unpaid link is answered without EA01'),
  });
};

/** paycert of a TID nobody has, compared with the made-up-TOKEN answer. */
export const judgePayCertUnknownTid = (exchange: Exchange, tokenRejection: Exchange | undefined): Finding => {
  const exchanges = [exchange];
  if (noAnswer(exchange))
    return couldNotReach('paycert-unknown-tid', exchanges, exchange, workerDoes.unknownTid);
  const observed = answerText(exchange);
  if (answeredCode(exchange, '0000')) {
    return finding('paycert-unknown-tid', {
      exchanges,
      observed,
      verdict: 'differs',
      worker: workerDoes.unpaidReadsPaid,
      action: report('a TID nobody has answers 0000'),
    });
  }
  if (answeredCode(exchange, 'EA01')) {
    return finding('paycert-unknown-tid', {
      exchanges,
      observed,
      verdict: 'differs',
      worker: workerDoes.notPaidYet,
      action: 'STATUS_POLL_TIMEOUT_MS bounds how long a status check of a wrong TID keeps looking',
    });
  }
  const likeToken =
    exchange.shape !== 'RESULTCODE' ||
    exchange.httpStatus === 401 ||
    exchange.httpStatus === 403 ||
    (tokenRejection !== undefined && sameAnswer(exchange, tokenRejection));
  if (likeToken) {
    return finding('paycert-unknown-tid', {
      exchanges,
      observed: `${observed}: the same as the answer to a made-up TOKEN`,
      verdict: 'differs',
      worker: workerDoes.unknownTidLikeToken,
      action: report('an unknown TID and a rejected TOKEN get the same answer'),
    });
  }
  return finding('paycert-unknown-tid', {
    exchanges,
    observed: `${observed}: unlike the answer to a made-up TOKEN`,
    verdict: 'as assumed',
    worker: workerDoes.unknownTid,
  });
};

export interface DeliveryExchanges {
  /** Why it was not tried (no --paid-tid, or --live). */
  notTried?: string | undefined;
  payCert?: Exchange | undefined;
  first?: Exchange | undefined;
  second?: Exchange | undefined;
}

/** paycert of the paid TID, then the same delivery registered twice. */
export const judgeDuplicateDelivery = ({ notTried, payCert, first, second }: DeliveryExchanges): Finding => {
  const exchanges = [payCert, first, second].filter((e): e is Exchange => e !== undefined);
  const cannot = (observed: string, action: string) =>
    finding('duplicate-delivery', {
      exchanges,
      observed,
      verdict: 'could not check',
      worker: workerDoes.duplicateOk,
      action,
    });
  const giveTid =
    'run the probe again with --paid-tid <TID of a paid sandbox escrow payment (account transfer) without a delivery>: it registers a test waybill on it twice';
  if (notTried !== undefined) return cannot(notTried, giveTid);
  const failed = exchanges.find(noAnswer);
  if (failed) return couldNotReach('duplicate-delivery', exchanges, failed, workerDoes.duplicateOk);
  if (!payCert || !answeredCode(payCert, '0000')) {
    return cannot(`paycert of --paid-tid: ${payCert ? answerText(payCert) : 'not sent'}`, giveTid);
  }
  if (textField(payCert.answer, 'CANCELDATE')?.trim()) {
    return cannot('paycert of --paid-tid: the payment is cancelled (CANCELDATE set)', giveTid);
  }
  if (!first || !answeredCode(first, '0000')) {
    return cannot(`the first registration: ${first ? answerText(first) : 'not sent'}`, giveTid);
  }
  if (!second) return cannot('the first registration: 0000; not sent a second time', giveTid);
  if (answeredCode(second, '0000')) {
    return finding('duplicate-delivery', {
      exchanges,
      observed: 'the first registration: 0000; the same again: 0000',
      verdict: 'as assumed',
      worker: workerDoes.duplicateOk,
    });
  }
  return finding('duplicate-delivery', {
    exchanges,
    observed: `the first registration: 0000; the same again: ${answerText(second)} (as profile duplicate-delivery-error)`,
    verdict: 'differs',
    profile: 'duplicate-delivery-error',
    worker: workerDoes.duplicateRefused,
    action: nothingToChange('duplicate-delivery-error'),
  });
};

const virtualAccountMethods = new Set(['VACCT', 'VACCOUNT']);

/** paycert of a virtual-account payment (undefined: no TID given). */
export const judgeVirtualAccount = (payCert: Exchange | undefined, option: string): Finding => {
  const cannot = (observed: string) =>
    finding('virtual-account', {
      exchanges: payCert ? [payCert] : [],
      observed,
      verdict: 'could not check',
      worker: workerDoes.virtualAccountIssued,
      action:
        'run the probe again with --vacct-tid <TID of a sandbox virtual-account payment>, once before and once after paying into it',
    });
  if (!payCert) return cannot('not tried: no --vacct-tid');
  if (noAnswer(payCert))
    return couldNotReach('virtual-account', [payCert], payCert, workerDoes.virtualAccountIssued);
  if (!answeredCode(payCert, '0000')) return cannot(`paycert of ${option}: ${answerText(payCert)}`);
  const method = textField(payCert.answer, 'PAYMETHOD') ?? '';
  if (!virtualAccountMethods.has(method.trim().toUpperCase())) {
    return cannot(`paycert of ${option}: PAYMETHOD "${method}", not a virtual account`);
  }
  const set = (name: string) => (textField(payCert.answer, name)?.trim() ? `${name} set` : `${name} empty`);
  const seen = `0000, PAYMETHOD ${method}; ${['ACCOUNTNO', 'ACCEPTNO', 'ACCEPTDATE', 'DEPOSITENDDATE', 'DEPOSITNAME'].map(set).join(', ')}`;
  if (!textField(payCert.answer, 'ACCEPTNO')?.trim()) {
    return finding('virtual-account', {
      exchanges: [payCert],
      observed: `${seen}: issued, nothing paid into it yet (as profile virtual-account-deposit-later)`,
      verdict: 'differs',
      profile: 'virtual-account-deposit-later',
      worker: workerDoes.virtualAccountIssued,
      action: nothingToChange('virtual-account-deposit-later'),
    });
  }
  return finding('virtual-account', {
    exchanges: [payCert],
    observed: `${seen}: paid into (if nothing was paid into this account yet, report it: the worker would read it as paid)`,
    verdict: 'as assumed',
    worker: workerDoes.virtualAccountPaid,
  });
};

/** The probe receives no notification: always `could not check`, with how to. */
export const judgeNotificationEncoding = (): Finding =>
  finding('notification-encoding', {
    exchanges: [],
    observed: 'not seen: the probe receives no notification',
    verdict: 'could not check',
    worker: workerDoes.notificationAnyEncoding,
    action:
      "pay a sandbox link (its PAYURL) with the notification URL of CookiePay's console pointing at the worker's HTTP server: each notification job keeps the contentType it came with (the board shows it); SIMULATOR_ASSUMPTIONS=notification-form or notification-no-content-type runs the tests the other ways",
  });

/** What the worker does when nothing contradicts the default reading: the worker line of a check not tried. */
const defaultWorker: Record<CheckId, string> = {
  'token-issue': workerDoes.tokenKept,
  'token-rejection': workerDoes.tokenRejection,
  'header-case': workerDoes.headersExact,
  'bill-no': workerDoes.billNoOwn,
  'urlpay-answer': workerDoes.urlPayAnswer,
  'urlcert-unpaid': workerDoes.notPaidYet,
  'paycert-unknown-tid': workerDoes.unknownTid,
  'duplicate-delivery': workerDoes.duplicateOk,
  'virtual-account': workerDoes.virtualAccountIssued,
  'notification-encoding': workerDoes.notificationAnyEncoding,
};

/** A check the probe did not get to (no token): `could not check`, saying why. */
export const notTried = (id: CheckId, why: string): Finding =>
  finding(id, {
    exchanges: [],
    observed: `not tried: ${why}`,
    verdict: 'could not check',
    worker: defaultWorker[id],
  });
