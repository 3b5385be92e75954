import type { FastifyInstance } from 'fastify';
import { resultAnswer } from '../api-answer.js';
import { simulatedRoute } from '../api-pipeline.js';
import type { SimulatorContext } from '../context.js';
import { checkApiKey } from '../guards.js';
import { createOrReuseLink } from '../links.js';
import { urlPayTable } from '../manual/url-pay-table.js';
import { resultCodes } from '../result-codes.js';

const endpoint = urlPayTable.endpoint;

/**
 * `POST /urlpay/request` (ApiKey header): a payment link; the same BILL_NO gives the same link again, an unknown
 * one as the `billNoUnknown` assumption says.
 */
export const registerUrlPayRoute = (app: FastifyInstance, context: SimulatorContext): void => {
  app.post(
    endpoint,
    simulatedRoute(context, urlPayTable, (request, fields) => {
      const keyProblem = checkApiKey(context, request);
      if (keyProblem) return resultAnswer(endpoint, keyProblem);
      if (fields.API_ID !== context.apiId) return resultAnswer(endpoint, resultCodes.idKeyMismatch);
      const outcome = createOrReuseLink(
        context.state,
        fields,
        context.settings.assumptions.billNoUnknown,
        context.publicUrl,
        context.now(),
      );
      if (!outcome.ok) return resultAnswer(endpoint, resultCodes.unknownBillNo);
      const { link } = outcome;
      return {
        body: {
          RESULTCODE: resultCodes.ok.code,
          RESULTMSG: resultCodes.ok.message,
          URLKEY: link.URLKEY,
          PAYURL: link.PAYURL,
          BILL_NO: link.BILL_NO ?? '',
          ETC1: link.request.ETC1 ?? '',
          ETC2: link.request.ETC2 ?? '',
        },
      };
    }),
  );
};
