import type { ScenarioResult } from './types.js';

const cell = (value: number | null, unit: string) =>
  value === null ? '—' : `${value}${unit === 'ratio' ? '' : ` ${unit}`}`;

const verdict = (result: ScenarioResult) => {
  if (result.status === 'pending') return 'PENDING';
  if (result.status === 'error') return 'ERROR';
  return result.pass ? 'pass' : 'FAIL';
};

const conditionsOf = (result: ScenarioResult) =>
  Object.entries(result.conditions)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');

/** The table printed at the end of a run: figure, baseline, target, pass/fail, conditions. */
export const formatTable = (results: readonly ScenarioResult[]): string => {
  const header = ['#', 'scenario', 'figure', 'baseline', 'target', 'result'];
  const rows = results.map((result, index) => [
    String(index + 1),
    result.title,
    cell(result.figure, result.unit),
    result.baselineNote
      ? `${cell(result.baseline, result.unit)} (${result.baselineNote})`
      : cell(result.baseline, result.unit),
    result.target,
    verdict(result),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ');
  const out = [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line), ''];
  results.forEach((result, index) => {
    out.push(`${index + 1}. ${result.id}: ${conditionsOf(result)}`);
    const details = Object.entries(result.details).map(([key, value]) => `${key}=${value}`);
    if (details.length > 0) out.push(`   ${details.join(', ')}`);
    if (result.error) out.push(`   error: ${result.error}`);
  });
  return out.join('\n');
};
