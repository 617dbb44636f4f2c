import * as core from '@actions/core';
import {
  collectResultsFile,
  defaultSha,
  maskSecret,
  signResultsFile,
  type SignRequest,
} from '../../packages/operations/src/index.js';
import { withDefault } from '../../packages/defaults/src/index.js';
import { safeLine } from '../../packages/errors/src/index.js';
import { renderSignSummary } from './summary.js';
import { booleanInput, input, requiredInput, runStep, writeSummary } from '../shared/step.js';

function readInputs(): SignRequest {
  // Mask the key and passphrase before anything else runs, so nothing can log them.
  const privateKey = core.getInput('private-key');
  maskSecret(privateKey, core.setSecret);
  const passphrase = input('passphrase', { trim: false });
  if (passphrase) core.setSecret(passphrase);
  return {
    resultsFile: withDefault('results-file', input('results-file')),
    privateKey: privateKey || requiredInput('private-key'),
    passphrase,
    signatureFile: input('signature-file'),
    allowGithubHosted: booleanInput('allow-github-hosted'),
    runnerEnvironment: process.env.RUNNER_ENVIRONMENT,
    githubRepository: process.env.GITHUB_REPOSITORY,
    // The verifier binds results to the commit this run tested; signing anything else makes replay material.
    expectedSha: input('sha') || defaultSha(process.env),
  };
}

/** With reports, collect them into results-file first; the action owns that file, so it is replaced. */
async function collectFirst(resultsFile: string): Promise<void> {
  const reports = input('reports')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (reports.length === 0) return;
  const outcome = await collectResultsFile({
    reports,
    outFile: resultsFile,
    overwrite: true,
    repository: '',
    commit: input('sha'),
    checkName: withDefault('check-name', input('check-name')),
    env: process.env,
  });
  core.info(outcome.summaryLine);
}

await runStep(async () => {
  const request = readInputs();
  await collectFirst(request.resultsFile);
  const outcome = await signResultsFile(request);
  core.setOutput('results-file', request.resultsFile);
  for (const warning of outcome.warnings) core.warning(safeLine(warning));
  core.setOutput('signature-file', outcome.signatureFile);
  core.setOutput('fingerprint', outcome.fingerprint);
  core.setOutput('digest', outcome.digest);
  core.info(
    `Signed ${request.resultsFile} (${outcome.digest}) with key ${outcome.fingerprint}; signature: ${outcome.signatureFile}`,
  );
  await writeSummary(renderSignSummary(request.resultsFile, outcome));
});
