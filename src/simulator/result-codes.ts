/**
 * The result codes the simulator answers. CookiePay documents only 0000, EA01 and (in public integrations)
 * E003; the others are the simulator's own choice. Only the TOKEN-rejection messages of the `token-message`
 * assumption speak of the token (the client recognises a rejected token by "토큰" or "TOKEN" in the message); the
 * other `tokenRejection` assumptions answer `tokenUnauthorized`, `tokenRtnCd` or `tokenOtherCode`.
 */
export const resultCodes = {
  ok: { code: '0000', message: '성공' },
  apiKeyMissing: { code: 'E001', message: 'ApiKey 헤더가 없습니다' },
  idKeyMismatch: { code: 'E003', message: 'ID & KEY 불일치' },
  invalidField: { code: 'E004', message: '요청 항목 오류' },
  tokenRejected: { code: 'E005', message: 'TOKEN이 유효하지 않습니다 (만료 또는 폐기된 토큰)' },
  tokenMissing: { code: 'E005', message: 'TOKEN 헤더가 없습니다' },
  unknownUrlKey: { code: 'E006', message: '존재하지 않는 URLKEY 입니다' },
  unknownTid: { code: 'E006', message: '존재하지 않는 거래(TID) 입니다' },
  cancelledPayment: { code: 'E007', message: '취소된 거래입니다' },
  amountMismatch: { code: 'E009', message: '결제금액 불일치' },
  deliveryExists: { code: 'E010', message: '이미 배송정보가 등록된 거래입니다 (다른 운송장번호)' },
  duplicateDelivery: { code: 'E010', message: '이미 배송정보가 등록된 거래입니다' },
  unknownBillNo: { code: 'E011', message: '등록되지 않은 청구서 번호(BILL_NO) 입니다' },
  notDeposited: { code: 'E012', message: '입금되지 않은 가상계좌 거래입니다' },
  tokenUnauthorized: { code: 'E401', message: 'Unauthorized' },
  tokenRtnCd: { code: 'E005', message: '인증 실패' },
  tokenOtherCode: { code: 'E999', message: '요청을 처리할 수 없습니다' },
  notPaid: { code: 'EA01', message: '결제 미진행' },
  /** paysearch: no payment in the period (or of that TID). */
  noRecords: { code: 'E008', message: '조회된 데이터가 없습니다' },
  /** Known only by its words (CookiePay's WooCommerce plugin takes `이미 취소` / `원거래 기취소` as success): the code is ours. */
  alreadyCancelled: { code: '9010', message: '이미 취소된 거래입니다' },
  cancelOverRemaining: { code: '9011', message: '취소 금액이 취소 가능 금액을 초과합니다' },
  /** The manual's 입금후취소 page: settled already, refund by deposit (/api/get_cancel_bank_account). */
  settled: { code: '9029', message: '정산 완료된 거래입니다. 입금후취소를 이용하세요' },
  scripted: { code: '9999', message: '시뮬레이터 지정 응답' },
} as const;

export interface ResultAnswer {
  code: string;
  message: string;
}

/**
 * An answer in the shape of `/payAuth/token` (RTN_CD/RTN_MSG), of `/api/cancel` (lower-case cancel_code/cancel_msg)
 * or of every other API (RESULTCODE/RESULTMSG).
 */
export const resultBody = (endpoint: string, answer: ResultAnswer): Record<string, string> => {
  if (endpoint === '/payAuth/token') return { RTN_CD: answer.code, RTN_MSG: answer.message };
  if (endpoint === '/api/cancel') return { cancel_code: answer.code, cancel_msg: answer.message };
  return { RESULTCODE: answer.code, RESULTMSG: answer.message };
};
