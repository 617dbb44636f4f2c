// The catalogue of answers that retrying cannot change, each with its cause and its fix.
import { STATUS_CODES } from 'node:http';
import { safeLine } from '../../errors/src/index.js';
import { quotableText } from '../../common/src/index.js';
import { GitHubRequestError } from './github-request-error.js';

/** What a request was, for messages. */
export interface RequestDescription {
  method: string;
  /** Path without the base URL and query, e.g. /repos/o/r/check-runs. */
  path: string;
  /** "owner/name" when the route names a repository. */
  repository?: string;
}

export function statusText(status: number): string {
  return `${status} (${STATUS_CODES[status] ?? 'Unknown'})`;
}

/** GitHub's own message from an error body (JSON or text), on one line. */
export function gitHubMessage(data: unknown): string {
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') {
    const errors = 'errors' in data && Array.isArray(data.errors) ? data.errors : [];
    const details = errors
      .map((item: unknown) =>
        typeof item === 'string'
          ? item
          : item && typeof item === 'object' && 'message' in item
            ? String(item.message)
            : JSON.stringify(item),
      )
      .filter(Boolean);
    // A remote body: no terminal escapes, bounded, and nothing that could be a secret.
    return quotableText(
      safeLine(details.length > 0 ? `${data.message}: ${details.join('; ')}` : data.message).slice(0, 300),
    );
  }
  if (typeof data === 'string' && data.trim() && !/^\s*</.test(data)) return quotableText(safeLine(data).slice(0, 300));
  return '';
}

/** The cause and the fix for an answer that retrying cannot change. */
export function permanentError(status: number, message: string, request: RequestDescription): GitHubRequestError {
  const where = `${request.method} ${request.path}`;
  const said = message ? `: "${message}"` : '';
  const writing = request.method !== 'GET';
  const repository = request.repository ?? 'the repository';
  if (status === 401) {
    return new GitHubRequestError(
      'GITHUB_BAD_TOKEN',
      `GitHub refused the token (${statusText(status)}${said}) on ${where}.`,
      'Pass a valid, unexpired token: in Actions the default `${{ github.token }}`; for the CLI, GitHub App ' +
        'credentials (--app-id, --app-private-key-file) or GITHUB_TOKEN.',
      { status },
    );
  }
  if (status === 403 && /resource not accessible by integration/i.test(message)) {
    return new GitHubRequestError(
      'GITHUB_TOKEN_LACKS_CHECKS_PERMISSION',
      `The token lacks \`checks: ${writing ? 'write' : 'read'}\` on ${repository} (GitHub answered 403 ` +
        `"Resource not accessible by integration" on ${where}).`,
      writing
        ? 'Add `permissions: checks: write` to the job. Pull requests from forks only get read-only tokens: post ' +
            'from a trusted event (push, or the trusted runner) instead.'
        : 'Add `permissions: checks: read` (and `contents: read`) to the job.',
      { status },
    );
  }
  if (status === 403 && /must authenticate via a github app/i.test(message)) {
    return new GitHubRequestError(
      'GITHUB_TOKEN_CANNOT_WRITE_CHECKS',
      `A personal access token was used on ${where}; GitHub lets only GitHub Apps create check runs ("You must ` +
        `authenticate via a GitHub App").`,
      'Use GITHUB_TOKEN in Actions, or GitHub App credentials (--app-id and --app-private-key-file) with the CLI.',
      { status },
    );
  }
  if (status === 403) {
    return new GitHubRequestError(
      'GITHUB_FORBIDDEN',
      `GitHub refused ${where} (${statusText(status)}${said}).`,
      `Give the token access to ${repository} with \`checks: ${writing ? 'write' : 'read'}\`.`,
      { status },
    );
  }
  if (status === 404) {
    return new GitHubRequestError(
      'GITHUB_NOT_FOUND',
      `GitHub answered 404 (Not Found) on ${where}: ${repository} does not exist or the token cannot see it.`,
      'Check the repository name (owner/name) and that the token belongs to that repository (GITHUB_TOKEN only ' +
        'sees its own repository).',
      { status },
    );
  }
  if (status === 422) {
    return new GitHubRequestError(
      'GITHUB_VALIDATION_FAILED',
      `GitHub rejected ${where} as invalid (${statusText(status)}${said}).`,
      "Check the commit sha exists in the repository and the results respect GitHub's limits; the message above " +
        'names the field.',
      { status },
    );
  }
  return new GitHubRequestError(
    'GITHUB_REQUEST_REJECTED',
    `GitHub rejected ${where} (${statusText(status)}${said}).`,
    'This is not a temporary failure, so it was not retried; check the repository, the token and the request ' +
      'named above.',
    { status },
  );
}
