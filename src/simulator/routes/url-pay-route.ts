import type { FastifyInstance } from 'fastify';
import { urlPayRequestSchema } from '../../cookiepay/schemas/url-pay.js';
import { resultAnswer, validationAnswer } from '../api-answer.js';
import { simulatedRoute } from '../api-pipeline.js';
import type { SimulatorContext } from '../context.js';
import { checkApiKey } from '../guards.js';
import { createOrReuseLink, echoedExtras } from '../links.js';
import { resultCodes } from '../result-codes.js';

const endpoint = '/urlpay/request';

/** `POST /urlpay/request` (ApiKey header): a payment link; the same BILL_NO gives the same link again. */
export const registerUrlPayRoute = (app: FastifyInstance, context: SimulatorContext): void => {
  app.post(
    endpoint,
    simulatedRoute(context, endpoint, (request) => {
      const keyProblem = checkApiKey(context, request);
      if (keyProblem) return resultAnswer(endpoint, keyProblem);
      const parsed = urlPayRequestSchema.safeParse(request.body);
      if (!parsed.success) return validationAnswer(endpoint, parsed.error);
      if (parsed.data.API_ID !== context.apiId) return resultAnswer(endpoint, resultCodes.idKeyMismatch);
      const link = createOrReuseLink(
        context.state,
        parsed.data,
        echoedExtras(request.body),
        context.publicUrl,
        context.now(),
      );
      return {
        body: {
          RESULTCODE: resultCodes.ok.code,
          RESULTMSG: resultCodes.ok.message,
          URLKEY: link.URLKEY,
          PAYURL: link.PAYURL,
          BILL_NO: link.request.BILL_NO ?? '',
          ETC1: link.request.ETC1 ?? '',
          ETC2: link.request.ETC2 ?? '',
        },
      };
    }),
  );
};
