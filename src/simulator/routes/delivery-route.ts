import type { FastifyInstance } from 'fastify';
import { deliveryRequestSchema } from '../../cookiepay/schemas/delivery.js';
import { resultAnswer, validationAnswer } from '../api-answer.js';
import { simulatedRoute } from '../api-pipeline.js';
import type { SimulatorContext } from '../context.js';
import { registerDelivery } from '../deliveries.js';
import { checkApiKey, checkToken } from '../guards.js';
import { resultCodes } from '../result-codes.js';

const endpoint = '/escro/delivery_add';

/** `POST /escro/delivery_add` (ApiKey + TOKEN headers): an escrow delivery for a paid payment. */
export const registerDeliveryRoute = (app: FastifyInstance, context: SimulatorContext): void => {
  app.post(
    endpoint,
    simulatedRoute(context, endpoint, (request) => {
      const keyProblem = checkApiKey(context, request);
      if (keyProblem) return resultAnswer(endpoint, keyProblem);
      const token = checkToken(context, request);
      if (!token.ok) return resultAnswer(endpoint, token.answer);
      const parsed = deliveryRequestSchema.safeParse(request.body);
      if (!parsed.success) return validationAnswer(endpoint, parsed.error);
      if (parsed.data.API_ID !== context.apiId || parsed.data.API_ID !== token.claims.user) {
        return resultAnswer(endpoint, resultCodes.idKeyMismatch);
      }
      return resultAnswer(endpoint, registerDelivery(context.state, parsed.data, context.now()));
    }),
  );
};
