// The verify job summary: markdown of VerificationReports, beside the report type it renders.
import { code, escapeText, formatTimestamp, row } from '../../results/src/index.js';
import type { CheckStatus, VerificationReport } from './types.js';

const STATUS_ICONS: Record<CheckStatus, string> = { pass: '✅', fail: '❌', skip: '⏭️', warn: '⚠️' };

export interface VerificationSummaryEntry {
  /** The check run name, or the results file in local mode. */
  name: string;
  report: VerificationReport;
  /** One line on how the result was chosen (which run decided, what was ignored or missing). */
  note?: string;
}

/** The verify job summary: one row per verified result, then each result's five checks. */
export function renderVerificationSummary(
  entries: VerificationSummaryEntry[],
  options: { revokedKeys?: readonly string[] } = {},
): string {
  const lines = ['## ci-signing verification', ''];
  // Every revoked trusted key is listed, so a reviewer sees which signers no longer count.
  const revoked = options.revokedKeys ?? [];
  if (revoked.length)
    lines.push(`Revoked trusted keys (every result they signed is refused): ${revoked.map(code).join(', ')}`, '');
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
  for (const { name, report, note } of entries) {
    lines.push('', `### ${report.verified ? '✅' : '❌'} ${escapeText(name)}`, '');
    if (note) lines.push(escapeText(note), '');
    lines.push('| Check | Outcome | Detail |', '| --- | :---: | --- |');
    if (report.unread)
      lines.push(row([escapeText(report.unread.title), STATUS_ICONS.fail, escapeText(report.unread.detail)]));
    for (const check of report.checks)
      lines.push(row([escapeText(check.title), STATUS_ICONS[check.status], escapeText(check.detail)]));
    if (report.error) {
      lines.push('', `**Error:** ${code(report.error.code)}: ${escapeText(report.error.message)}`);
      if (report.error.fix) lines.push('', `**Fix:** ${escapeText(report.error.fix)}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

function verdict(report: VerificationReport): string {
  if (!report.verified) return report.error ? `❌ rejected (${code(report.error.code)})` : '❌ rejected';
  return report.signed ? '✅ verified' : '⚠️ accepted unsigned';
}
