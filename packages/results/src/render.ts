// Markdown for people: the check-run output of results. Pure functions of their
// input, so the output can be pinned by committed snapshot files. Text from the results file is untrusted
// for formatting purposes and always escaped or fenced.
import { code, escapeText, fenced, row } from './markdown.js';
import type { CiResults } from './types.js';

const MAX_LISTED_FAILURES = 50;
const MAX_FAILURE_NAME = 200;
const MAX_FAILURE_MESSAGE = 1000;
const MAX_FAILURE_MESSAGE_LINES = 20;

const CONCLUSION_ICONS: Record<string, string> = {
  success: '✅',
  failure: '❌',
  timed_out: '⏱️',
  cancelled: '🚫',
  skipped: '⏭️',
  neutral: '➖',
};

export interface ResultsRenderOptions {
  /** Primary key fingerprint of the signer. */
  fingerprint?: string;
  signed: boolean;
  /** `sha256:<hex>` of the signed bytes. */
  digest: string;
}

/** The human part of a check run's output: counts, coverage, duration, the signer (or a warning) and failures. */
export function renderResultsSummary(results: CiResults, options: ResultsRenderOptions): string {
  const { passed, failed, skipped } = results.tests;
  const lines = [
    `### ${conclusionIcon(results.conclusion)} ${escapeText(results.conclusion)}: ${countsText(results)}`,
    '',
    '| Passed | Failed | Skipped | Line coverage | Duration |',
    '| ---: | ---: | ---: | ---: | ---: |',
    row([
      String(passed),
      String(failed),
      String(skipped),
      results.coverage ? formatPercent(results.coverage.lines) : '—',
      durationText(results),
    ]),
    '',
  ];
  if (options.signed) {
    lines.push(`- **Signed by** OpenPGP key ${code(options.fingerprint ?? 'unknown')}`);
  } else {
    lines.push(
      '> ⚠️ **Unsigned:** nothing proves these results came from a trusted runner; a verifier rejects them ' +
        'unless allow-unsigned is set.',
      '',
    );
  }
  lines.push(
    `- **Commit** ${code(results.commit)} of ${code(results.repository)}`,
    `- **Digest** ${code(options.digest)}`,
  );

  const failures = results.failures ?? [];
  if (failures.length > 0) {
    lines.push('', `### Failures (${failures.length})`);
    failures.slice(0, MAX_LISTED_FAILURES).forEach((failure, index) => {
      const location = failure.file
        ? ` · ${code(failure.line ? `${failure.file}:${failure.line}` : failure.file)}`
        : '';
      lines.push(
        '',
        `**${index + 1}. ${escapeText(truncate(failure.name, MAX_FAILURE_NAME))}**${location}`,
        '',
        fenced(truncateMessage(failure.message)),
      );
    });
    if (failures.length > MAX_LISTED_FAILURES)
      lines.push('', `…and ${failures.length - MAX_LISTED_FAILURES} more failures not shown.`);
  }
  lines.push('');
  return lines.join('\n');
}

/** One line for a check run title, e.g. `✅ 120 passed, 0 failed, 3 skipped · signed by 0123456789ABCDEF`. */
export function renderResultsTitle(results: CiResults, options: { signingKeyId?: string; signed: boolean }): string {
  const conclusion =
    results.conclusion === 'success' || results.conclusion === 'failure'
      ? ''
      : `${results.conclusion.replace('_', ' ')} · `;
  const coverage = results.coverage ? ` · ${formatPercent(results.coverage.lines)} line coverage` : '';
  const signer = options.signed ? `signed by ${options.signingKeyId || 'unknown key'}` : 'unsigned';
  return `${conclusionIcon(results.conclusion)} ${conclusion}${countsText(results)}${coverage} · ${signer}`;
}

function conclusionIcon(conclusion: string): string {
  return CONCLUSION_ICONS[conclusion] ?? '❔';
}

function countsText(results: CiResults): string {
  const { passed, failed, skipped } = results.tests;
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

function durationText(results: CiResults): string {
  if (!results.startedAt || !results.completedAt) return '—';
  const milliseconds = Date.parse(results.completedAt) - Date.parse(results.startedAt);
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return '—';
  return formatDuration(milliseconds);
}

/** `850ms`, `45s`, `2m 13s`, `1h 0m 5s`: whole units, largest first. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)}ms`;
  const totalSeconds = Math.round(milliseconds / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${minutes}m ${seconds}s`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

function formatPercent(value: number): string {
  return `${Number(value.toFixed(2))}%`;
}

function truncate(text: string, limit: number): string {
  const characters = [...text];
  return characters.length > limit ? `${characters.slice(0, limit - 1).join('')}…` : text;
}

function truncateMessage(message: string): string {
  const lines = message.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const kept = lines.length > MAX_FAILURE_MESSAGE_LINES ? [...lines.slice(0, MAX_FAILURE_MESSAGE_LINES), '…'] : lines;
  return truncate(kept.join('\n'), MAX_FAILURE_MESSAGE);
}
