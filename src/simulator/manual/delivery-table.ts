import type { RequestTable } from './request-table.js';

/**
 * `POST /escro/delivery_add`, from `요청 전문 파라미터` of 배송정보 등록 (escrow-delivery-registration.txt). Headers:
 * `ApiKey` and `TOKEN`, both 필수(헤더).
 */
export const deliveryTable = {
  endpoint: '/escro/delivery_add',
  source: 'cookiepay-manual: 에스크로 결제 > 배송정보 등록 요청전문',
  headers: [
    // ApiKey 제한없음 쿠키페이 결제 연동 key 필수(헤더)
    { name: 'ApiKey', label: '쿠키페이 결제 연동 key', required: true },
    // TOKEN 제한없음 인증 TOKEN 필수(헤더)
    { name: 'TOKEN', label: '인증 TOKEN', required: true },
  ],
  fields: [
    // API_ID 20 쿠키페이 결제 연동 id 필수
    { name: 'API_ID', label: '쿠키페이 결제 연동 id', required: true, maxLength: 20 },
    // TID 20 PG 거래 고유번호 필수. No character set is given: only the length.
    { name: 'TID', label: 'PG 거래 고유번호', required: true, maxLength: 20 },
    // AMOUNT 10 결제 금액 필수 — 숫자만 사용합니다
    { name: 'AMOUNT', label: '결제 금액', required: true, maxLength: 10, format: { kind: 'digits' } },
    // RECEIVERNAME 50 실수령자 필수
    { name: 'RECEIVERNAME', label: '실수령자', required: true, maxLength: 50 },
    // RECEIVERDATE 50 실수령일 필수 — 실수령일 (YYYYMMDD)
    {
      name: 'RECEIVERDATE',
      label: '실수령일',
      required: true,
      maxLength: 50,
      format: { kind: 'yyyymmdd' },
    },
    // RECEIVERELATION 50 실수령자와의 관계 필수 — (ex:본인)
    { name: 'RECEIVERELATION', label: '실수령자와의 관계', required: true, maxLength: 50 },
    // PARCELNAME 30 택배사명 필수
    { name: 'PARCELNAME', label: '택배사명', required: true, maxLength: 30 },
    // WAYBILLNO 50 운송장번호 필수
    { name: 'WAYBILLNO', label: '운송장번호', required: true, maxLength: 50 },
    // DELIVERYADDR 100 배송지주소 필수
    { name: 'DELIVERYADDR', label: '배송지주소', required: true, maxLength: 100 },
    // Not in the table, but the curl sample sends "PRODUCTCODE": "상품코드" (the PHP sample does not): optional, and
    // with no length given, none is checked.
    { name: 'PRODUCTCODE', label: '상품코드', required: false, maxLength: null },
  ],
} as const satisfies RequestTable;
