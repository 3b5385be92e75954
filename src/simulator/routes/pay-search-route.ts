import type { FastifyInstance } from 'fastify';
import { resultAnswer } from '../api-answer.js';
import { simulatedRoute } from '../api-pipeline.js';
import type { SimulatorContext } from '../context.js';
import { checkToken } from '../guards.js';
import { paySearchTable } from '../manual/pay-search-table.js';
import { resultBody, resultCodes } from '../result-codes.js';
import type { SimPayment } from '../state.js';
import { certAnswer } from '../wire-format.js';

/** The Korean day (`YYYY-MM-DD`) of a time. */
const kstDay = (epochMs: number): string => new Date(epochMs + 9 * 3_600_000).toISOString().slice(0, 10);

/** Whether the payment was made or cancelled on a day from `from` to `to` (Korean time). */
const happenedBetween = (payment: SimPayment, from: string, to: string): boolean =>
  [payment.paidAt, payment.cancelledAt].some((at) => {
    if (at === null) return false;
    const day = kstDay(at);
    return day >= from && day <= to;
  });

/**
 * `POST /api/paysearch {API_ID, STD_DT, END_DT, TID?}` (TOKEN header): the account's payments made or cancelled on
 * the days STD_DT..END_DT, or the one of TID (the dates then do not matter), as a bare JSON array of paycert's
 * fields; `{RESULTCODE: "E008"}` when there is none.
 */
export const registerPaySearchRoute = (app: FastifyInstance, context: SimulatorContext): void => {
  app.post(
    paySearchTable.endpoint,
    simulatedRoute(context, paySearchTable, (request, fields) => {
      const endpoint = paySearchTable.endpoint;
      const token = checkToken(context, request, endpoint);
      if (!token.ok) return token.answer;
      const account = token.claims.user;
      const tid = fields.TID?.trim() ?? '';
      const found =
        tid !== ''
          ? [context.state.payments.get(tid)].filter(
              (payment): payment is SimPayment => payment?.API_ID === account,
            )
          : [...context.state.payments.values()].filter(
              (payment) =>
                payment.API_ID === account && happenedBetween(payment, fields.STD_DT, fields.END_DT),
            );
      if (found.length === 0) return resultAnswer(endpoint, resultCodes.noRecords);
      return { body: resultBody(endpoint, resultCodes.ok), records: found.map(certAnswer) };
    }),
  );
};
