import * as core from '@actions/core';
import { apiUrl, postResultsFile, type PostRequest } from '../../packages/operations/src/index.js';
import { input, requiredInput, runStep, writeSummary } from '../shared/step.js';

function readInputs(): PostRequest {
  const token = input('token');
  if (token) core.setSecret(token);
  const server = process.env.GITHUB_SERVER_URL;
  const runId = process.env.GITHUB_RUN_ID;
  return {
    resultsFile: requiredInput('results-file'),
    signatureFile: input('signature-file'),
    token,
    checkName: input('check-name'),
    retries: input('retries'),
    retryDelay: input('retry-delay'),
    requestTimeout: input('request-timeout'),
    rateLimitWait: input('rate-limit-wait'),
    apiUrl: apiUrl(process.env),
    detailsUrl:
      server && runId && process.env.GITHUB_REPOSITORY
        ? `${server}/${process.env.GITHUB_REPOSITORY}/actions/runs/${runId}`
        : undefined,
    log: (line) => core.info(line),
    warn: (line) => core.warning(line),
  };
}

await runStep(async () => {
  const outcome = await postResultsFile(readInputs());
  core.setOutput('check-run-id', String(outcome.checkRunId));
  core.setOutput('check-run-url', outcome.checkRunUrl);
  core.setOutput('attempts', String(outcome.attempts));
  core.setOutput('signed', String(outcome.signed));
  core.info(
    `${outcome.created ? 'Created' : 'Updated'} check run ${outcome.checkRunId} (${outcome.checkRunUrl}) in ${outcome.attempts} HTTP attempt(s).`,
  );
  await writeSummary(
    `### ci-signing: results posted\n\n${outcome.signed ? 'Signed' : '⚠️ Unsigned'} results posted as check run [#${outcome.checkRunId}](${outcome.checkRunUrl}) in ${outcome.attempts} HTTP attempt(s).\n`,
  );
});
