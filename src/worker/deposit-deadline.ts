/** Korean time (KST, UTC+9, no daylight saving): CookiePay's dates are written in it. */
const kstOffsetMs = 9 * 3600_000;

/**
 * The moment a virtual account's DEPOSITENDDATE (입금마감일) stands for, in epoch ms, or undefined when it cannot be
 * read. CookiePay's samples write `YYYYMMDDHHMMSS`, the manual gives it 10 characters; separators are ignored
 * (`2026-12-08 23:59:59`), a date alone is the end of that day, `YYYYMMDDHHMM` has no seconds. Read as Korean time.
 * Pure.
 */
export const depositDeadlineOf = (value: string | null | undefined): number | undefined => {
  const digits = (value ?? '').replace(/[\s\-:./T]/g, '');
  if (!/^\d+$/.test(digits) || ![8, 12, 14].includes(digits.length)) return undefined;
  const part = (from: number, to: number) => Number(digits.slice(from, to));
  const [year, month, day] = [part(0, 4), part(4, 6), part(6, 8)];
  const [hour, minute, second] =
    digits.length === 8 ? [23, 59, 59] : [part(8, 10), part(10, 12), digits.length === 14 ? part(12, 14) : 0];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(utc);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return utc - kstOffsetMs;
};
