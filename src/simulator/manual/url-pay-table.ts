import type { RequestTable } from './request-table.js';

/**
 * `POST /urlpay/request`, from the URL결제 request table (url-payment-notification-urlcert.txt). Header: `ApiKey`
 * only (`-H "ApiKey": …`, `"ApiKey: …"`). PRODUCTCODE, BUYERID and ETC3..5 are not in this table (they are fields of
 * the answer and of the Noti): a request carrying them is refused.
 */
export const urlPayTable = {
  endpoint: '/urlpay/request',
  source: 'cookiepay-manual: URL결제 요청 (/urlpay/request)',
  headers: [
    // ApiKey 제한없음 COOKIEPAY PG설정 연동 key 필수 (헤더)
    { name: 'ApiKey', label: 'COOKIEPAY PG설정 연동 key', required: true },
  ],
  fields: [
    // API_ID 20 COOKIEPAY에서 발급받은 ID 필수
    { name: 'API_ID', label: 'COOKIEPAY에서 발급받은 ID', required: true, maxLength: 20 },
    // PRODUCTNAME 40 상품명 필수 — & 문자를 입력하시면 오류 발생
    {
      name: 'PRODUCTNAME',
      label: '상품명',
      required: true,
      maxLength: 40,
      format: { kind: 'without', characters: ['&'] },
    },
    // AMOUNT 10 결제금액 필수 — 문자 및 특수문자 허용 불가. The manual does not forbid 0: accepted.
    { name: 'AMOUNT', label: '결제금액', required: true, maxLength: 10, format: { kind: 'digits' } },
    // BUYERNAME 20 고객명 필수
    { name: 'BUYERNAME', label: '고객명', required: true, maxLength: 20 },
    // BUYERHP 11 고객 휴대폰번호 필수. No format is given: only the length is checked (so "010-1234-5678", 13
    // characters, is too long, and "01012345678" fits).
    { name: 'BUYERHP', label: '고객 휴대폰번호', required: true, maxLength: 11 },
    // TAXYN 1 과세/비과세 선택 — Y:과세, N:비과세
    {
      name: 'TAXYN',
      label: '과세/비과세',
      required: false,
      maxLength: 1,
      format: { kind: 'one-of', values: ['Y', 'N'] },
    },
    // BUYEREMAIL 50 고객 E-MAIL — EMAIL:필수 KAKAO,SMS:선택. No address format is given: only the length.
    {
      name: 'BUYEREMAIL',
      label: '고객 E-MAIL',
      required: false,
      requiredWhen: { field: 'REQ_TYPE', values: ['EMAIL'] },
      maxLength: 50,
    },
    // BILL_NO 20 청구서 고유 번호 선택 — 청구서 고유번호 입력시 같은 청구서 주소로 재발송 가능합니다.
    { name: 'BILL_NO', label: '청구서 고유 번호', required: false, maxLength: 20 },
    // MEMO 100 발송타입 선택 — 비고 혹은 메시지 (the 내용 column repeats 발송타입; the 비고 column says memo)
    { name: 'MEMO', label: '비고 혹은 메시지', required: false, maxLength: 100 },
    // REQ_TYPE 10 발송타입 선택 — SMS, EMAIL, KAKAO; 빈값이면 URL 결제창만 생성 (empty: the window only)
    {
      name: 'REQ_TYPE',
      label: '발송타입',
      required: false,
      maxLength: 10,
      format: { kind: 'one-of', values: ['SMS', 'EMAIL', 'KAKAO'] },
    },
    // ETC1 100 추가 필드1 선택 — 결제URL 통지전문으로 리턴 받으실수 있습니다.
    { name: 'ETC1', label: '추가 필드1', required: false, maxLength: 100 },
    // ETC2 100 추가 필드2 선택
    { name: 'ETC2', label: '추가 필드2', required: false, maxLength: 100 },
  ],
} as const satisfies RequestTable;
