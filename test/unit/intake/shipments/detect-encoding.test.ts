import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  detectEncoding,
  isValidCp949,
  isValidUtf8,
} from '../../../../src/intake/shipments/detect-encoding.js';

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

  it('takes valid CP949 (and EUC-KR) as cp949', () => {
    expect(detectEncoding(iconv.encode(text, 'cp949'), true)).toBe('cp949');
    expect(detectEncoding(iconv.encode('실수령일', 'euc-kr'), true)).toBe('cp949');
  });

  it('takes bytes that decode as neither as no encoding (Latin-1, stray bytes)', () => {
    expect(detectEncoding(Buffer.from('TID,RECEIVERNAME\nT1,Jérôme\n', 'latin1'), true)).toBeUndefined();
    expect(detectEncoding(Buffer.from([0x41, 0xff, 0x42]), true)).toBeUndefined();
    expect(detectEncoding(Buffer.from([0x41, 0x80]), true)).toBeUndefined();
  });

  it('allows a CP949 lead byte cut at the end of a partial sample, not of a whole file', () => {
    const bytes = iconv.encode('홍길동', 'cp949');
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(isValidCp949(cut, false)).toBe(true);
    expect(isValidCp949(cut, true)).toBe(false);
  });

  it('allows a UTF-8 character cut at the end of a partial sample, not of a whole file', () => {
    const bytes = Buffer.from('홍길동');
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(isValidUtf8(cut, false)).toBe(true);
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(detectEncoding(cut, true)).toBeUndefined();
  });
});
