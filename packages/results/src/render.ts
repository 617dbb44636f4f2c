// Markdown for people: job summaries (verification) and check-run output (results). Pure functions of their
// input, so the output can be pinned by committed snapshot files. Text from the results file is untrusted
// for formatting purposes and always escaped or fenced.
import type { CheckStatus, VerificationReport } from '../../verifier/src/types.js';
import type { CiResults } from './types.js';

const MAX_LISTED_FAILURES = 50;
const MAX_FAILURE_NAME = 200;
const MAX_FAILURE_MESSAGE = 1000;
const MAX_FAILURE_MESSAGE_LINES = 20;

const STATUS_ICONS: Record<CheckStatus, string> = { pass: '✅', fail: '❌', skip: '⏭️', warn: '⚠️' };
const CONCLUSION_ICONS: Record<string, string> = {
  success: '✅',
  failure: '❌',
  timed_out: '⏱️',
  cancelled: '🚫',
  skipped: '⏭️',
  neutral: '➖',
};

export interface VerificationSummaryEntry {
  /** The check run name, or the results file in local mode. */
  name: string;
  report: VerificationReport;
}

/** The verify job summary: one row per verified result, then each result's five checks. */
export function renderVerificationSummary(entries: VerificationSummaryEntry[]): string {
  const lines = ['## ci-signing verification', ''];
  if (entries.length === 0) return [...lines, 'No results were verified.', ''].join('\n');

  const accepted = entries.filter((entry) => entry.report.verified).length;
  lines.push(
    accepted === entries.length
      ? `✅ ${accepted} of ${entries.length} verified.`
      : `❌ ${entries.length - accepted} of ${entries.length} not verified.`,
    '',
    '| Results | Verdict | Signer | Signed at | Conclusion |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const { name, report } of entries) {
    lines.push(
      row([
        escapeText(name),
        verdict(report),
        report.fingerprint ? code(report.fingerprint) : report.verified ? 'unsigned' : '—',
        report.signedAt ? formatTimestamp(report.signedAt) : '—',
        report.conclusion ? escapeText(report.conclusion) : '—',
      ]),
    );
  }
  for (const { name, report } of entries) {
    lines.push('', `### ${report.verified ? '✅' : '❌'} ${escapeText(name)}`, '', '| Check | Outcome | Detail |', '| --- | :---: | --- |');
    for (const check of report.checks) lines.push(row([escapeText(check.title), STATUS_ICONS[check.status], escapeText(check.detail)]));
    if (report.error) {
      lines.push('', `**Error:** ${code(report.error.code)}: ${escapeText(report.error.message)}`);
      if (report.error.fix) lines.push('', `**Fix:** ${escapeText(report.error.fix)}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

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
    row([String(passed), String(failed), String(skipped), results.coverage ? formatPercent(results.coverage.lines) : '—', durationText(results)]),
    '',
  ];
  if (options.signed) {
    lines.push(`- **Signed by** OpenPGP key ${code(options.fingerprint ?? 'unknown')}`);
  } else {
    lines.push('> ⚠️ **Unsigned:** nothing proves these results came from a trusted runner; a verifier rejects them unless allow-unsigned is set.', '');
  }
  lines.push(`- **Commit** ${code(results.commit)} of ${code(results.repository)}`, `- **Digest** ${code(options.digest)}`);

  const failures = results.failures ?? [];
  if (failures.length > 0) {
    lines.push('', `### Failures (${failures.length})`);
    failures.slice(0, MAX_LISTED_FAILURES).forEach((failure, index) => {
      const location = failure.file ? ` · ${code(failure.line ? `${failure.file}:${failure.line}` : failure.file)}` : '';
      lines.push('', `**${index + 1}. ${escapeText(truncate(failure.name, MAX_FAILURE_NAME))}**${location}`, '', fenced(truncateMessage(failure.message)));
    });
    if (failures.length > MAX_LISTED_FAILURES) lines.push('', `…and ${failures.length - MAX_LISTED_FAILURES} more failures not shown.`);
  }
  lines.push('');
  return lines.join('\n');
}

/** One line for a check run title, e.g. `✅ 120 passed, 0 failed, 3 skipped · signed by 0123456789ABCDEF`. */
export function renderResultsTitle(results: CiResults, options: { signingKeyId?: string; signed: boolean }): string {
  const conclusion = results.conclusion === 'success' || results.conclusion === 'failure' ? '' : `${results.conclusion.replace('_', ' ')} · `;
  const coverage = results.coverage ? ` · ${formatPercent(results.coverage.lines)} line coverage` : '';
  const signer = options.signed ? `signed by ${options.signingKeyId || 'unknown key'}` : 'unsigned';
  return `${conclusionIcon(results.conclusion)} ${conclusion}${countsText(results)}${coverage} · ${signer}`;
}

function verdict(report: VerificationReport): string {
  if (!report.verified) return report.error ? `❌ rejected (${code(report.error.code)})` : '❌ rejected';
  return report.signed ? '✅ verified' : '⚠️ accepted unsigned';
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

/** `2024-05-01 12:00:00 UTC` from an ISO timestamp. */
function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return escapeText(iso);
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Plain text on one line with every character markdown (or a table cell) could act on escaped. */
function escapeText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** An inline code span that survives backticks inside it and pipes inside a table cell. */
function code(text: string): string {
  const value = oneLine(text);
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${value.replace(/\|/g, '\\|')}${padding}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
function fenced(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
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
