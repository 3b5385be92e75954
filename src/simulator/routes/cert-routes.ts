import type { FastifyInstance } from 'fastify';
import { payCertRequestSchema, urlCertRequestSchema } from '../../cookiepay/schemas/payment-cert.js';
import { resultAnswer, validationAnswer } from '../api-answer.js';
import { simulatedRoute } from '../api-pipeline.js';
import type { SimulatorContext } from '../context.js';
import { checkToken } from '../guards.js';
import { resultCodes } from '../result-codes.js';
import { certAnswer } from '../wire-format.js';

/**
 * `POST /api/urlcert {URLKEY}` (TOKEN header): EA01 until the link is paid, then the payment's fields;
 * `POST /api/paycert {tid}` (TOKEN header): the payment's fields by TID.
 */
export const registerCertRoutes = (app: FastifyInstance, context: SimulatorContext): void => {
  app.post(
    '/api/urlcert',
    simulatedRoute(context, '/api/urlcert', (request) => {
      const endpoint = '/api/urlcert';
      const token = checkToken(context, request);
      if (!token.ok) return resultAnswer(endpoint, token.answer);
      const parsed = urlCertRequestSchema.safeParse(request.body);
      if (!parsed.success) return validationAnswer(endpoint, parsed.error);
      const link = context.state.links.get(parsed.data.URLKEY);
      if (!link || link.request.API_ID !== token.claims.user) {
        return resultAnswer(endpoint, resultCodes.unknownUrlKey);
      }
      const payment = link.TID === null ? undefined : context.state.payments.get(link.TID);
      return payment ? { body: certAnswer(payment) } : resultAnswer(endpoint, resultCodes.notPaid);
    }),
  );

  app.post(
    '/api/paycert',
    simulatedRoute(context, '/api/paycert', (request) => {
      const endpoint = '/api/paycert';
      const token = checkToken(context, request);
      if (!token.ok) return resultAnswer(endpoint, token.answer);
      const parsed = payCertRequestSchema.safeParse(request.body);
      if (!parsed.success) return validationAnswer(endpoint, parsed.error);
      const payment = context.state.payments.get(parsed.data.tid);
      if (!payment || payment.API_ID !== token.claims.user)
        return resultAnswer(endpoint, resultCodes.unknownTid);
      return { body: certAnswer(payment) };
    }),
  );
};
