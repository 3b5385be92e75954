import { Redis } from 'ioredis';
import { createCookiePay } from '../../src/cookiepay/create-cookiepay.js';
import type { SimulatorControl } from '../../src/simulator/control-client.js';
import { benchAccount } from './bench-account.js';

export interface PaidPayment {
  tid: string;
  amount: number;
}

/** Creates `count` payment links on the simulator and pays them (before any measurement starts). */
export const preparePaidPayments = async (
  simulatorUrl: string,
  control: SimulatorControl,
  redisUrl: string,
  prefix: string,
  count: number,
  /** `notify: false`: their approval notifications are dropped (the simulator sends none). */
  options: { notify?: boolean } = {},
): Promise<PaidPayment[]> => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    const client = createCookiePay({
      baseUrl: simulatorUrl,
      ...benchAccount,
      redis,
      keyPrefix: `${prefix}-setup`,
    });
    const paid: PaidPayment[] = new Array(count);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < count; i = next++) {
        const amount = 1000 + i;
        const link = await client.urlPay({
          PRODUCTNAME: `준비 ${i}`,
          AMOUNT: amount,
          BUYERNAME: '이도윤',
          BUYERHP: '01055556666',
          BILL_NO: `BP${prefix.slice(-8)}${i}`.slice(0, 20),
        });
        const result = await control.pay({ URLKEY: String(link.URLKEY), notify: options.notify ?? true });
        paid[i] = { tid: result.payment.TID, amount };
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    return paid;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
};
