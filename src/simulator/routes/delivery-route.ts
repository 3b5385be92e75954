import type { FastifyInstance } from 'fastify';
import { resultAnswer } from '../api-answer.js';
import { simulatedRoute } from '../api-pipeline.js';
import type { SimulatorContext } from '../context.js';
import { registerDelivery } from '../deliveries.js';
import { checkApiKey, checkToken } from '../guards.js';
import { deliveryTable } from '../manual/delivery-table.js';
import { resultCodes } from '../result-codes.js';

const endpoint = deliveryTable.endpoint;

/** `POST /escro/delivery_add` (ApiKey + TOKEN headers): an escrow delivery for a paid payment. */
export const registerDeliveryRoute = (app: FastifyInstance, context: SimulatorContext): void => {
  app.post(
    endpoint,
    simulatedRoute(context, deliveryTable, (request, fields) => {
      const keyProblem = checkApiKey(context, request);
      if (keyProblem) return resultAnswer(endpoint, keyProblem);
      const token = checkToken(context, request, endpoint);
      if (!token.ok) return token.answer;
      if (fields.API_ID !== context.apiId || fields.API_ID !== token.claims.user) {
        return resultAnswer(endpoint, resultCodes.idKeyMismatch);
      }
      const { duplicateDelivery } = context.settings.assumptions;
      return resultAnswer(
        endpoint,
        registerDelivery(context.state, fields, duplicateDelivery, context.now()),
      );
    }),
  );
};
