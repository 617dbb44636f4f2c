// The one error type of a GitHub request that failed for good: a cause, a fix, and what callers react to.
import { CiSigningError, type ChecksErrorCode } from '../../errors/src/index.js';

/** The error thrown when GitHub refuses a request or retries run out; carries what callers need to react. */
export class GitHubRequestError extends CiSigningError {
  /** A code of the checks package: GitHub's refusals and exhausted retries. */
  declare readonly code: ChecksErrorCode;
  /** HTTP status of the last answer, when there was one. */
  readonly status: number | undefined;
  /** True when a write may have been applied although no answer said so (timeout, reset, 5xx). */
  readonly outcomeUnknown: boolean;
  /** HTTP attempts made for this request. */
  readonly attempts: number;

  constructor(
    code: ChecksErrorCode,
    message: string,
    fix: string,
    details: { status?: number; outcomeUnknown?: boolean; attempts?: number } = {},
  ) {
    super(code, message, fix, 'github');
    this.name = 'GitHubRequestError';
    this.status = details.status;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.attempts = details.attempts ?? 1;
  }
}
