import type { FastifyInstance } from 'fastify';
import { resultAnswer } from '../api-answer.js';
import { simulatedRoute } from '../api-pipeline.js';
import { cancelOf } from '../cancels.js';
import type { SimulatorContext } from '../context.js';
import { checkApiKey, checkToken } from '../guards.js';
import { cancelTable } from '../manual/cancel-table.js';
import { resultCodes } from '../result-codes.js';

const endpoint = cancelTable.endpoint;

/**
 * `POST /api/cancel` (ApiKey + TOKEN headers): a full or partial cancel, answered in lower case (`cancel_code`,
 * `cancel_msg`, and on success `cancel_tid`, `cancel_date`, `cancel_amt`).
 */
export const registerCancelRoute = (app: FastifyInstance, context: SimulatorContext): void => {
  app.post(
    endpoint,
    simulatedRoute(context, cancelTable, (request, fields) => {
      const keyProblem = checkApiKey(context, request);
      if (keyProblem) return resultAnswer(endpoint, keyProblem);
      const token = checkToken(context, request, endpoint);
      if (!token.ok) return token.answer;
      const outcome = cancelOf(context.state, token.claims.user, fields, context.now());
      if (!outcome.ok) return resultAnswer(endpoint, outcome.answer);
      const { ok: _ok, ...done } = outcome;
      return {
        body: { cancel_code: resultCodes.ok.code, cancel_msg: '취소 성공', ...done },
      };
    }),
  );
};
