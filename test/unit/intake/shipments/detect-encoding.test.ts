import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, isValidUtf8 } from '../../../../src/intake/shipments/detect-encoding.js';

const text = 'TID,실수령자\nT1,홍길동\n';

describe('detectEncoding', () => {
  it('finds a UTF-8 BOM', () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), true)).toBe(
      'utf-8-bom',
    );
  });

  it('takes valid UTF-8 (and plain ASCII) as utf-8', () => {
    expect(detectEncoding(Buffer.from(text), true)).toBe('utf-8');
    expect(detectEncoding(Buffer.from('TID,AMOUNT\n'), true)).toBe('utf-8');
    expect(detectEncoding(Buffer.alloc(0), true)).toBe('utf-8');
  });

  it('takes anything else as cp949', () => {
    expect(detectEncoding(iconv.encode(text, 'cp949'), true)).toBe('cp949');
    expect(detectEncoding(iconv.encode('실수령일', 'euc-kr'), true)).toBe('cp949');
  });

  it('allows a UTF-8 character cut at the end of a partial sample, not of a whole file', () => {
    const bytes = Buffer.from('홍길동');
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(isValidUtf8(cut, false)).toBe(true);
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(detectEncoding(cut, true)).toBe('cp949');
  });
});
