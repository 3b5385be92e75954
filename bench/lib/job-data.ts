/** Job data of the contract, as other services send it. */

export const urlPayData = (i: number) => ({
  PRODUCTNAME: `벤치 상품 ${i}`,
  AMOUNT: String(1000 + (i % 9000)),
  BUYERNAME: '김하늘',
  BUYERHP: '01012345678',
});

export const statusData = (tid: string) => ({ TID: tid });

export const deliveryData = (tid: string, amount: number, i: number) => ({
  TID: tid,
  AMOUNT: amount,
  RECEIVERNAME: '정하준',
  RECEIVERDATE: '20261120',
  RECEIVERELATION: '본인',
  PARCELNAME: 'CJ대한통운',
  WAYBILLNO: `60${String(i).padStart(10, '0')}`,
  DELIVERYADDR: '서울특별시 중구 세종대로 110',
});
