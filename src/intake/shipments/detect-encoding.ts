import iconv from 'iconv-lite';

/** The encodings a shipment file may come in: UTF-8 (with or without BOM), or CP949 as Excel saves CSV in Korea. */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'cp949';

/** How many bytes are looked at before deciding (or the whole file when it is shorter). */
export const encodingSampleBytes = 64 * 1024;

const utf8Bom = [0xef, 0xbb, 0xbf] as const;

export const startsWithUtf8Bom = (bytes: Uint8Array): boolean =>
  bytes.length >= 3 && bytes[0] === utf8Bom[0] && bytes[1] === utf8Bom[1] && bytes[2] === utf8Bom[2];

/**
 * True when the bytes are valid UTF-8. When `complete` is false the sample was cut at a chunk boundary: an
 * incomplete sequence at its very end is allowed (the rest of the character is in the next chunk).
 */
export const isValidUtf8 = (bytes: Uint8Array, complete: boolean): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
};

/** What a refused file is told: the encodings accepted. */
export const acceptedEncodings = 'UTF-8 (with or without BOM) or CP949 (EUC-KR, as Excel saves CSV in Korea)';

/** The character iconv-lite puts where bytes do not decode (CP949 cannot encode it, so it never means itself). */
export const replacementCharacter = '\uFFFD';

/**
 * True when the bytes are valid CP949 (EUC-KR included) throughout: iconv-lite decodes every invalid sequence to
 * U+FFFD. When `complete` is false a lead byte cut at the very end is allowed (its trail is in the next chunk).
 */
export const isValidCp949 = (bytes: Uint8Array, complete: boolean): boolean => {
  const decoder = iconv.getDecoder('cp949');
  const text =
    decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) +
    (complete ? (decoder.end() ?? '') : '');
  return !text.includes(replacementCharacter);
};

/**
 * Decides a file's encoding by whether its first bytes decode cleanly: a UTF-8 BOM → utf-8-bom; else valid UTF-8 →
 * utf-8; else valid CP949 (which includes EUC-KR) → cp949; else none (undefined: the file is refused, e.g. Latin-1).
 * `complete` says whether the sample is the whole file.
 */
export const detectEncoding = (sample: Uint8Array, complete: boolean): FileEncoding | undefined => {
  if (startsWithUtf8Bom(sample)) return 'utf-8-bom';
  if (isValidUtf8(sample, complete)) return 'utf-8';
  return isValidCp949(sample, complete) ? 'cp949' : undefined;
};
