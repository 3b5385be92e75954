import type { FastifyInstance } from 'fastify';
import type { SimulatorContext } from '../context.js';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const page = (title: string, body: string): string =>
  `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
  '<meta name="viewport" content="width=device-width,initial-scale=1">' +
  '<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}' +
  'button{font-size:1.2rem;padding:.6rem 2rem}</style></head>' +
  `<body><p><small>CookiePay simulator</small></p>${body}</body></html>`;

const PAY_SCRIPT =
  '<script>document.getElementById("pay").onclick=async(e)=>{e.target.disabled=true;' +
  'await fetch("/__sim/pay",{method:"POST",headers:{"content-type":"application/json"},' +
  'body:JSON.stringify({URLKEY:e.target.dataset.key})});location.reload();};</script>';

/** `GET /urlpay/:URLKEY`: the payment page a buyer opens from PAYURL, with a Pay button (demos only). */
export const registerPayPageRoute = (app: FastifyInstance, context: SimulatorContext): void => {
  app.get<{ Params: { URLKEY: string } }>('/urlpay/:URLKEY', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const link = context.state.links.get(request.params.URLKEY);
    if (!link) return reply.code(404).send(page('없는 결제 링크', '<h1>결제 링크를 찾을 수 없습니다</h1>'));
    const { PRODUCTNAME, AMOUNT, BUYERNAME } = link.request;
    const summary =
      `<h1>${escapeHtml(PRODUCTNAME)}</h1><p>${escapeHtml(BUYERNAME)}님, ` +
      `결제금액 <strong>${Number(AMOUNT).toLocaleString('ko-KR')}원</strong></p>`;
    const payment = link.TID === null ? undefined : context.state.payments.get(link.TID);
    if (payment) {
      const state = payment.CANCELDATE
        ? '취소된 결제입니다'
        : payment.depositedAt === null
          ? `가상계좌가 발급되었습니다 (입금 대기: ${escapeHtml(payment.CARDNAME)} ${escapeHtml(payment.ACCOUNTNO)})`
          : '결제가 완료되었습니다';
      return page(PRODUCTNAME, `${summary}<p>${state} (TID ${escapeHtml(payment.TID)})</p>`);
    }
    const button = `<button id="pay" data-key="${escapeHtml(link.URLKEY)}">결제하기 (Pay)</button>`;
    return page(PRODUCTNAME, `${summary}${button}${PAY_SCRIPT}`);
  });
};
