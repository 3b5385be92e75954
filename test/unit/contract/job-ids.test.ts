import { describe, expect, it } from 'vitest';
import { deliveryJobId, jobIdProblem } from '../../../src/contract/job-ids.js';

describe('jobIdProblem', () => {
  it.each(['order-123', '123a', 'a', 'ÜNICODE-주문', 'x'.repeat(200)])('accepts %j', (id) => {
    expect(jobIdProblem(id)).toBeUndefined();
  });

  it.each([
    ['', 'must not be empty'],
    ['order:123', 'must not contain ":"'],
    [':', 'must not contain ":"'],
    ['123', 'must not be all digits (BullMQ keeps those for its own ids)'],
    ['0', 'must not be all digits (BullMQ keeps those for its own ids)'],
    ['x'.repeat(201), 'must be at most 200 characters'],
  ])('refuses %j: %s', (id, reason) => {
    expect(jobIdProblem(id)).toBe(reason);
  });
});

describe('deliveryJobId', () => {
  it('is stable for the same TID and waybill', () => {
    expect(deliveryJobId('T1', 'W1')).toBe(deliveryJobId('T1', 'W1'));
  });

  it('ignores surrounding whitespace, as the job schema trims them', () => {
    expect(deliveryJobId(' T1 ', 'W1\t')).toBe(deliveryJobId('T1', 'W1'));
  });

  it('differs by TID and by waybill', () => {
    const ids = new Set([
      deliveryJobId('T1', 'W1'),
      deliveryJobId('T2', 'W1'),
      deliveryJobId('T1', 'W2'),
      deliveryJobId('T1W', '1'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('is a valid custom BullMQ job id', () => {
    const id = deliveryJobId('T1', '1234-5678:9');
    expect(id).toMatch(/^delivery-[0-9a-f]{32}$/);
    expect(id).not.toContain(':');
    expect(jobIdProblem(id)).toBeUndefined();
  });
});
