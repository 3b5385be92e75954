import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { settlePayment } from './cancels.js';
import type { SimulatorContext } from './context.js';
import {
  cancelControlSchema,
  depositControlSchema,
  payControlSchema,
  settleControlSchema,
} from './control-schemas.js';
import { postNotification } from './notify.js';
import { cancelPayment, depositPayment, payLink } from './payments.js';
import { recordNotification, type SimPayment } from './state.js';
import { approvalNotification, cancelNotification } from './wire-format.js';

/** Parses a control body, or answers 400 with the problems and returns undefined. */
export const parseControl = <T extends z.ZodType>(
  schema: T,
  value: unknown,
  reply: FastifyReply,
): z.output<T> | undefined => {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  reply.code(400).send({ error: 'invalid control request', issues });
  return undefined;
};

const findPayment = (context: SimulatorContext, tid?: string, urlKey?: string): SimPayment | undefined => {
  if (tid !== undefined) return context.state.payments.get(tid);
  const link = urlKey === undefined ? undefined : context.state.links.get(urlKey);
  return link?.TID ? context.state.payments.get(link.TID) : undefined;
};

/**
 * `POST /__sim/pay`, `POST /__sim/deposit`, `POST /__sim/cancel`, `POST /__sim/settle`, `GET /__sim/payments`,
 * `GET /__sim/notifications`.
 */
export const registerPaymentControlRoutes = (app: FastifyInstance, context: SimulatorContext): void => {
  const target = () => ({
    url: context.settings.notificationUrl,
    timeoutMs: context.notifyTimeoutMs,
    encoding: context.settings.assumptions.notificationEncoding,
    logger: context.logger,
  });

  app.post('/__sim/pay', async (request, reply) => {
    const input = parseControl(payControlSchema, request.body, reply);
    if (!input) return reply;
    const link = context.state.links.get(input.URLKEY);
    if (!link) return reply.code(404).send({ error: `unknown URLKEY ${input.URLKEY}` });
    const { virtualAccount } = context.settings.assumptions;
    const { payment, created } = payLink(context.state, link, input, virtualAccount, context.now());
    if (created && input.notify) {
      payment.notification = await postNotification(
        target(),
        approvalNotification(payment, link),
        'approval',
        payment.TID,
      );
      recordNotification(context.state, payment.notification);
    }
    return { payment, alreadyPaid: !created, notification: payment.notification };
  });

  app.post('/__sim/deposit', async (request, reply) => {
    const input = parseControl(depositControlSchema, request.body, reply);
    if (!input) return reply;
    const payment = findPayment(context, input.TID, input.URLKEY);
    if (!payment) return reply.code(404).send({ error: 'no payment for that TID or URLKEY' });
    const outcome = depositPayment(payment, context.now());
    if (!outcome.ok) return reply.code(409).send({ error: `cannot deposit: ${outcome.reason}`, payment });
    let notification = null;
    if (outcome.deposited && input.notify) {
      const link = context.state.links.get(payment.URLKEY);
      if (link) {
        notification = await postNotification(
          target(),
          approvalNotification(payment, link),
          'deposit',
          payment.TID,
        );
        recordNotification(context.state, notification);
      }
    }
    return { payment, alreadyDeposited: !outcome.deposited, notification };
  });

  app.post('/__sim/cancel', async (request, reply) => {
    const input = parseControl(cancelControlSchema, request.body, reply);
    if (!input) return reply;
    const payment = findPayment(context, input.TID, input.URLKEY);
    if (!payment) return reply.code(404).send({ error: 'no payment for that TID or URLKEY' });
    const cancelled = cancelPayment(payment, input.message ?? '시뮬레이터 취소', context.now());
    let notification = null;
    if (cancelled && input.notify) {
      notification = await postNotification(target(), cancelNotification(payment), 'cancel', payment.TID);
      recordNotification(context.state, notification);
    }
    return { payment, alreadyCancelled: !cancelled, notification };
  });

  app.post('/__sim/settle', async (request, reply) => {
    const input = parseControl(settleControlSchema, request.body, reply);
    if (!input) return reply;
    const payment = context.state.payments.get(input.TID);
    if (!payment) return reply.code(404).send({ error: `unknown TID ${input.TID}` });
    const settled = settlePayment(payment, context.now());
    return { payment, alreadySettled: !settled };
  });

  app.get('/__sim/payments', async () => ({
    links: [...context.state.links.values()],
    payments: [...context.state.payments.values()],
    deliveries: [...context.state.deliveries.values()],
  }));

  app.get('/__sim/notifications', async () => ({ notifications: context.state.notifications }));
};
