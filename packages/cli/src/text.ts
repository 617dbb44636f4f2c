import { safeLine } from '../../errors/src/index.js';
import type { VerifiedEntry } from '../../operations/src/index.js';

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'skip', warn: 'WARN' } as const;

/** The terminal form of a verification: one block per result, one line per check. */
export function renderVerificationText(entries: VerifiedEntry[], revokedKeys: readonly string[] = []): string {
  const lines: string[] = [];
  if (revokedKeys.length) lines.push(`Revoked trusted keys: ${revokedKeys.join(', ')}`);
  for (const { name, report, checkRunId } of entries) {
    lines.push(
      `${report.verified ? 'VERIFIED' : 'REJECTED'}  ` +
        `${name}${checkRunId === undefined ? '' : ` (check run ${checkRunId})`}`,
    );
    if (report.unread) lines.push(`  FAIL  ${report.unread.title}: ${report.unread.detail}`);
    for (const check of report.checks)
      lines.push(`  ${MARK[check.status]}  ${check.title}${check.detail ? `: ${check.detail}` : ''}`);
    if (report.error?.fix && !report.verified) lines.push(`  fix: ${report.error.fix}`);
    if (report.fingerprint) lines.push(`  signer ${report.fingerprint}, signed at ${report.signedAt}`);
  }
  // Details carry names from files and check runs: no terminal escapes reach the terminal.
  return `${lines.map(safeLine).join('\n')}\n`;
}
