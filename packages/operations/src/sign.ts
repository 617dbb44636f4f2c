import { CiSigningError, UsageError } from '../../errors/src/index.js';
import { readResultsFile, type CiResults } from '../../results/src/index.js';
import { sha256Digest, writeFileAtomic } from '../../common/src/index.js';
import { loadPrivateKey, signDetached } from '../../signing/src/index.js';

export interface SignRequest {
  resultsFile: string;
  /** Armored secret key text, kept in memory only. */
  privateKey: string;
  passphrase: string;
  /** '' means `<results-file>.asc`. */
  signatureFile: string;
  allowGithubHosted: boolean;
  /** RUNNER_ENVIRONMENT, when running in Actions. */
  runnerEnvironment?: string;
  /** GITHUB_REPOSITORY, when running in Actions. */
  githubRepository?: string;
  /** The commit the results must name: the sha input, else defaultSha() in Actions; '' = not checked. */
  expectedSha?: string;
  now?: Date;
}

export interface SignOutcome {
  signatureFile: string;
  fingerprint: string;
  signingKeyId: string;
  digest: string;
  results: CiResults;
  /** One line each, e.g. that gpg --verify will not accept a v6 key's signature. */
  warnings: string[];
}

export async function signResultsFile(request: SignRequest): Promise<SignOutcome> {
  if (request.runnerEnvironment === 'github-hosted' && !request.allowGithubHosted) {
    throw new CiSigningError(
      'GITHUB_HOSTED_RUNNER',
      'refusing to sign on a GitHub-hosted runner: the private key belongs on trusted runners only',
      "Run the sign step on a self-hosted runner, or set allow-github-hosted: 'true' if you accept that risk.",
    );
  }
  const signatureFile = request.signatureFile || `${request.resultsFile}.asc`;
  if (signatureFile === request.resultsFile) {
    throw new UsageError(
      'signature-file is the results file itself',
      'Choose another signature-file, or leave it empty for <results-file>.asc.',
    );
  }
  const { bytes, results } = await readResultsFile(request.resultsFile);
  if (request.githubRepository && request.githubRepository.toLowerCase() !== results.repository.toLowerCase()) {
    throw new CiSigningError(
      'REPOSITORY_MISMATCH',
      `results are for ${results.repository} but this workflow runs in ${request.githubRepository}`,
      'Sign results only in the repository they belong to; check the repository field the CI writes.',
    );
  }
  const expectedSha = request.expectedSha?.trim() ?? '';
  if (expectedSha && expectedSha.toLowerCase() !== results.commit.toLowerCase()) {
    throw new CiSigningError(
      'COMMIT_MISMATCH',
      `results are for commit ${results.commit} but this run tested ${expectedSha}`,
      'Sign only results of the commit this run tested: write the tested sha into commit, or set the sha input ' +
        '(CLI --sha) to the commit the results belong to.',
    );
  }
  const key = await loadPrivateKey(request.privateKey, request.passphrase, request.now ?? new Date());
  const signature = await signDetached(bytes, key, request.now);
  await writeFileAtomic(signatureFile, signature);
  return {
    signatureFile,
    fingerprint: key.fingerprint,
    signingKeyId: key.signingKeyId,
    digest: sha256Digest(bytes),
    results,
    warnings: key.warnings,
  };
}
