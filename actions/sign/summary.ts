import type { SignOutcome } from '../../packages/operations/src/index.js';

export function renderSignSummary(resultsFile: string, outcome: SignOutcome): string {
  const { tests, conclusion, repository, commit } = outcome.results;
  return [
    '### ci-signing: results signed',
    '',
    '| | |',
    '| --- | --- |',
    `| Results | \`${resultsFile}\` |`,
    `| Repository / commit | ${repository} @ \`${commit}\` |`,
    `| Conclusion | ${conclusion} (${tests.passed} passed, ${tests.failed} failed, ${tests.skipped} skipped) |`,
    `| Digest | \`${outcome.digest}\` |`,
    `| Signer | \`${outcome.fingerprint}\` |`,
    `| Signature | \`${outcome.signatureFile}\` |`,
    '',
  ].join('\n');
}
