import { describe, expect, it } from 'vitest';
import { maxReasonsCounted, rejectedTally } from '../../../../src/intake/shipments/rejected-tally.js';

describe('rejectedTally', () => {
  it('lists the first N rows, counts them all, by field and reason, most frequent first', () => {
    const tally = rejectedTally(2);
    for (let line = 2; line < 12; line += 1)
      tally.add({ line, issues: [{ field: 'AMOUNT', reason: line % 3 === 0 ? 'a' : 'b' }] });
    tally.add({
      line: 12,
      issues: [
        { field: 'TID', reason: 'is required' },
        { field: 'AMOUNT', reason: 'b' },
      ],
    });
    const report = tally.report();
    expect(report.rejected.map((row) => row.line)).toEqual([2, 3]);
    expect(report.rejectedCount).toBe(11);
    expect(report.rejectedByReason).toEqual([
      { field: 'AMOUNT', reason: 'b', count: 8 },
      { field: 'AMOUNT', reason: 'a', count: 3 },
      { field: 'TID', reason: 'is required', count: 1 },
    ]);
  });

  it('stays bounded: distinct pairs past the limit go to (other), long texts are cut', () => {
    const tally = rejectedTally(0);
    for (let index = 0; index < maxReasonsCounted + 50; index += 1)
      tally.add({ line: index, issues: [{ field: 'X'.repeat(1_000), reason: `reason ${index}` }] });
    const { rejected, rejectedByReason } = tally.report();
    expect(rejected).toEqual([]);
    expect(rejectedByReason).toHaveLength(maxReasonsCounted + 1);
    expect(rejectedByReason[0]).toEqual({ field: '(other)', reason: 'other reasons', count: 50 });
    expect(rejectedByReason[1]?.field.length).toBeLessThanOrEqual(201);
  });
});
