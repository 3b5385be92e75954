import type { FastifyInstance } from 'fastify';
import { resultAnswer } from '../api-answer.js';
import { simulatedRoute } from '../api-pipeline.js';
import type { SimulatorContext } from '../context.js';
import { checkToken } from '../guards.js';
import { payCertTable } from '../manual/pay-cert-table.js';
import { urlCertTable } from '../manual/url-cert-table.js';
import { resultCodes } from '../result-codes.js';
import { certAnswer } from '../wire-format.js';

/**
 * `POST /api/urlcert {URLKEY}` (TOKEN header): EA01 until the link is paid, then the payment's fields;
 * `POST /api/paycert {tid}` (TOKEN header): the payment's fields by TID.
 */
export const registerCertRoutes = (app: FastifyInstance, context: SimulatorContext): void => {
  app.post(
    urlCertTable.endpoint,
    simulatedRoute(context, urlCertTable, (request, { URLKEY }) => {
      const endpoint = urlCertTable.endpoint;
      const token = checkToken(context, request, endpoint);
      if (!token.ok) return token.answer;
      const link = context.state.links.get(URLKEY);
      if (!link || link.request.API_ID !== token.claims.user) {
        return resultAnswer(endpoint, resultCodes.unknownUrlKey);
      }
      const payment = link.TID === null ? undefined : context.state.payments.get(link.TID);
      return payment ? { body: certAnswer(payment) } : resultAnswer(endpoint, resultCodes.notPaid);
    }),
  );

  app.post(
    payCertTable.endpoint,
    simulatedRoute(context, payCertTable, (request, { tid }) => {
      const endpoint = payCertTable.endpoint;
      const token = checkToken(context, request, endpoint);
      if (!token.ok) return token.answer;
      const payment = context.state.payments.get(tid);
      if (!payment || payment.API_ID !== token.claims.user) {
        return resultAnswer(endpoint, resultCodes.unknownTid);
      }
      return { body: certAnswer(payment) };
    }),
  );
};
