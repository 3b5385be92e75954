import type { ProbeReport } from './probe-cookiepay.js';
import { type Finding, verdicts } from './probe-verdicts.js';

const where: Record<ProbeReport['mode'], string> = {
  sandbox: 'the sandbox',
  live: 'LIVE CookiePay',
  other: 'not CookiePay: a URL of your own, e.g. a simulator',
};

const profileOf = (finding: Finding): string =>
  finding.profile ?? (finding.verdict === 'as assumed' ? 'manual-literal' : '–');

const pad = (text: string, width: number): string => text.padEnd(width);

const findingLines = (finding: Finding, index: number, count: number): string[] => [
  `[${index + 1}/${count}] ${finding.id} (${finding.title}): ${finding.verdict.toUpperCase()}`,
  `  manual:   ${finding.manual}`,
  `  assumed:  ${finding.assumed}`,
  ...finding.exchanges.map((exchange) => `  sent:     ${exchange.endpoint}, ${exchange.sent}`),
  `  observed: ${finding.observed}`,
  `  worker:   ${finding.worker}`,
  ...(finding.action ? [`  change:   ${finding.action}`] : []),
  '',
];

/** The report for a terminal: each check, then the assumption table and what to set. Never a key or a token. */
export const formatProbeReport = (report: ProbeReport): string[] => {
  const { findings } = report;
  const idWidth = Math.max(...findings.map((finding) => finding.id.length)) + 2;
  const counts = verdicts
    .map((verdict) => [verdict, findings.filter((finding) => finding.verdict === verdict).length] as const)
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => `${count} ${verdict}`);
  const differing = findings.filter((finding) => finding.verdict === 'differs');
  const switches = Object.keys(report.simulatorAssumptions).length;
  return [
    `cookiepay-worker probe of ${report.baseUrl} (${where[report.mode]}), ${report.startedAt}`,
    `Safe: REQ_TYPE empty (no SMS, KakaoTalk or e-mail), payment links of ${report.amount} won nobody pays, a made-up TOKEN; the key and the token are never printed.`,
    'Verdicts: "as assumed" = as the default reading (the simulator\'s manual-literal profile); "differs" names the profile that answers so and what to change.',
    '',
    ...findings.flatMap((finding, index) => findingLines(finding, index, findings.length)),
    'Assumption table:',
    `  ${pad('check', idWidth)}${pad('verdict', 17)}profile that answers so`,
    ...findings.map(
      (finding) => `  ${pad(finding.id, idWidth)}${pad(finding.verdict, 17)}${profileOf(finding)}`,
    ),
    '',
    `${counts.join(', ')}.`,
    ...differing.map((finding) => `Differs: ${finding.id}: ${finding.action ?? finding.worker}`),
    ...(switches > 0
      ? [
          `To run the tests as this CookiePay answered: SIMULATOR_ASSUMPTIONS='${JSON.stringify(report.simulatorAssumptions)}'`,
        ]
      : report.complete
        ? ['Nothing checked differed from the default reading (SIMULATOR_ASSUMPTIONS=manual-literal).']
        : []),
    ...(report.complete
      ? []
      : [`The probe could not run every check (exit code 1): ${report.problems.join('; ')}`]),
  ];
};

/** The report for machines: one JSON document. */
export const formatProbeReportJson = (report: ProbeReport): string => JSON.stringify(report, null, 2);
