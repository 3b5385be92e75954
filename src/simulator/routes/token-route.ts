import type { FastifyInstance } from 'fastify';
import { resultAnswer } from '../api-answer.js';
import { simulatedRoute } from '../api-pipeline.js';
import type { SimulatorContext } from '../context.js';
import { tokenTable } from '../manual/token-table.js';
import { resultCodes } from '../result-codes.js';

const endpoint = tokenTable.endpoint;

/** `POST /payAuth/token {pay2_id, pay2_key}` → `{RTN_CD:"0000", RTN_MSG:"성공", TOKEN}` or E003 without TOKEN. */
export const registerTokenRoute = (app: FastifyInstance, context: SimulatorContext): void => {
  app.post(
    endpoint,
    simulatedRoute(context, tokenTable, (_request, { pay2_id, pay2_key }) => {
      if (pay2_id !== context.apiId || pay2_key !== context.apiKey) {
        return resultAnswer(endpoint, resultCodes.idKeyMismatch);
      }
      return {
        body: {
          RTN_CD: resultCodes.ok.code,
          RTN_MSG: resultCodes.ok.message,
          TOKEN: context.tokens.issue(pay2_id, context.now()),
        },
      };
    }),
  );
};
