import * as core from '@actions/core';
import { CiSigningError } from '../../packages/errors/src/index.js';
import { apiUrl, eventContext, verifySignedResults, type VerifyRequest } from '../../packages/operations/src/index.js';
import { withDefault } from '../../packages/defaults/src/index.js';
import { safeLine } from '../../packages/errors/src/index.js';
import { input, runStep, writeSummary } from '../shared/step.js';

function readInputs(): VerifyRequest {
  const token = input('token');
  if (token) core.setSecret(token);
  // Refuses pull_request_target before anything is read; names the tested commit and whether it is a fork's.
  const event = eventContext(process.env);
  return {
    resultsFile: input('results-file'),
    signatureFile: input('signature-file'),
    trustedKeys: input('trusted-keys'),
    trustedKeysFile: input('trusted-keys-file'),
    trustedFingerprints: input('trusted-fingerprints'),
    sha: input('sha') || event.sha,
    repository: input('repository') || process.env.GITHUB_REPOSITORY || '',
    // Empty policy inputs take their defaults in buildPolicy, the one place that knows them.
    allowUnsigned: input('allow-unsigned'),
    maxFailedTests: input('max-failed-tests'),
    minCoverage: input('min-coverage'),
    minTests: input('min-tests'),
    maxAge: input('max-age'),
    checkNames: withDefault('check-name', input('check-name')).split('\n'),
    waitTimeout: input('wait-timeout'),
    waitInterval: input('wait-interval'),
    event,
    github: {
      token,
      baseUrl: apiUrl(process.env),
      rateLimitWait: input('rate-limit-wait'),
      log: (line) => core.info(line),
    },
  };
}

await runStep(
  async () => {
    const outcome = await verifySignedResults(readInputs());
    for (const [name, value] of Object.entries(outcome.outputs)) core.setOutput(name, value);
    await writeSummary(outcome.summary);
    for (const warning of outcome.warnings) core.warning(safeLine(warning));
    if (outcome.revokedKeys.length) core.info(`Revoked trusted keys: ${outcome.revokedKeys.join(', ')}.`);
    const failures: string[] = [];
    for (const entry of outcome.entries) {
      if (entry.note) core.info(`${entry.name}: ${entry.note}`);
      const failed = entry.report.unread ?? entry.report.checks.find((check) => check.status === 'fail');
      const warned = entry.report.checks.find((check) => check.status === 'warn');
      if (warned) core.warning(safeLine(`${entry.name}: ${warned.detail}`));
      if (failed) {
        const fix = entry.report.error?.fix ? ` Fix: ${entry.report.error.fix}` : '';
        failures.push(safeLine(`${entry.name}: ${failed.title} failed: ${failed.detail}${fix}`));
      } else {
        core.info(
          `${entry.name}: verified (signer ${entry.report.fingerprint || 'none, unsigned'}, signed at ${entry.report.signedAt || '-'}).`,
        );
      }
    }
    // Each refusal is named; several check names give one line each.
    if (!outcome.verified) core.setFailed(failures.join('\n') || 'verification failed; see the job summary.');
  },
  (error) => {
    core.setOutput('verified', 'false');
    core.setOutput('reason', error instanceof CiSigningError ? error.code : 'INTERNAL');
  },
);
