import type { FastifyInstance } from 'fastify';
import { assumptionProfileNames, assumptionsInputSchema, resolveAssumptions } from './assumptions.js';
import { resetContext, type SimulatorContext } from './context.js';
import {
  faultsControlSchema,
  latencyControlSchema,
  notificationUrlControlSchema,
  rateLimitControlSchema,
  requestsQuerySchema,
  scriptControlSchema,
} from './control-schemas.js';
import { faultKinds } from './faults.js';
import type { SimulatorOptions } from './options.js';
import { parseControl } from './payment-control-routes.js';
import { createRateWindow } from './rate-window.js';
import { addScript, pendingScripts } from './scripted-answers.js';

/**
 * The `/__sim/*` endpoints that steer the simulator: scripts, limits, latency, faults, assumptions, tokens, log,
 * violations, reset.
 */
export const registerControlRoutes = (
  app: FastifyInstance,
  context: SimulatorContext,
  options: SimulatorOptions,
): void => {
  app.post('/__sim/script', async (request, reply) => {
    const input = parseControl(scriptControlSchema, request.body, reply);
    if (!input) return reply;
    return { endpoint: input.endpoint, queued: addScript(context.scripts, input.endpoint, input.answers) };
  });
  app.get('/__sim/script', async () => ({ pending: pendingScripts(context.scripts) }));
  app.delete('/__sim/script', async () => {
    context.scripts.clear();
    return { cleared: true };
  });

  app.post('/__sim/rate-limit', async (request, reply) => {
    const input = parseControl(rateLimitControlSchema, request.body, reply);
    if (!input) return reply;
    context.settings.rateLimit = input.max === null ? null : createRateWindow(input.max, input.durationMs);
    return { max: input.max, durationMs: input.durationMs };
  });

  app.post('/__sim/latency', async (request, reply) => {
    const input = parseControl(latencyControlSchema, request.body, reply);
    if (!input) return reply;
    context.settings.latencyMs = input.ms;
    return { ms: input.ms };
  });

  app.post('/__sim/faults', async (request, reply) => {
    const input = parseControl(faultsControlSchema, request.body, reply);
    if (!input) return reply;
    const faults = {
      rate: input.rate,
      kinds: input.kinds ?? [...faultKinds],
      hangMs: input.hangMs ?? context.settings.faults.hangMs,
    };
    context.settings.faults = faults;
    return faults;
  });

  app.post('/__sim/notification-url', async (request, reply) => {
    const input = parseControl(notificationUrlControlSchema, request.body, reply);
    if (!input) return reply;
    context.settings.notificationUrl = input.url;
    return { url: input.url };
  });

  app.post('/__sim/assumptions', async (request, reply) => {
    const input = parseControl(assumptionsInputSchema, request.body, reply);
    if (!input) return reply;
    context.settings.assumptions = resolveAssumptions(input, context.settings.assumptions);
    return { assumptions: context.settings.assumptions };
  });
  app.get('/__sim/assumptions', async () => ({
    assumptions: context.settings.assumptions,
    profiles: assumptionProfileNames,
  }));

  app.post('/__sim/revoke-tokens', async () => {
    context.tokens.revokeAll();
    return { revoked: true };
  });

  app.get('/__sim/requests', async (request, reply) => {
    const query = parseControl(requestsQuerySchema, request.query, reply);
    if (!query) return reply;
    return { requests: context.log.query(query), lastSeq: context.log.latestSeq };
  });
  app.get('/__sim/violations', async (request, reply) => {
    const query = parseControl(requestsQuerySchema, request.query, reply);
    if (!query) return reply;
    return { violations: context.log.violations(query) };
  });
  app.delete('/__sim/requests', async () => {
    context.log.clear();
    return { cleared: true, lastSeq: context.log.latestSeq };
  });

  app.get('/__sim/settings', async () => {
    const { latencyMs, rateLimit, faults, notificationUrl, assumptions } = context.settings;
    const limit = rateLimit && { max: rateLimit.max, durationMs: rateLimit.durationMs };
    return {
      latencyMs,
      rateLimit: limit,
      faults,
      notificationUrl,
      assumptions,
      publicUrl: context.publicUrl,
    };
  });

  app.post('/__sim/reset', async () => {
    resetContext(context, options);
    return { reset: true };
  });
};
