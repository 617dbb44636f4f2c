// Typed errors shared by every package. Each carries a stable code, a one-line cause and a fix,
// so actions and the CLI can report a refusal without a stack trace.
import type { ErrorCode, ErrorsErrorCode } from './codes.js';
import { safeLine } from './text.js';

export { oneLine, safeLine, stripControl } from './text.js';
export { ERROR_CODES } from './codes.js';
export type {
  ChecksErrorCode,
  CliErrorCode,
  CollectErrorCode,
  CommonErrorCode,
  ErrorCode,
  ErrorCodePackage,
  ErrorsErrorCode,
  OperationsErrorCode,
  ResultsErrorCode,
  SigningErrorCode,
  VerifierErrorCode,
} from './codes.js';

export type ErrorKind = 'usage' | 'input' | 'verification' | 'github' | 'internal';

export class CiSigningError extends Error {
  readonly code: ErrorCode;
  readonly fix: string;
  readonly kind: ErrorKind;

  constructor(code: ErrorCode, message: string, fix: string, kind: ErrorKind = 'input') {
    super(message);
    this.name = 'CiSigningError';
    this.code = code;
    this.fix = fix;
    this.kind = kind;
  }

  /** One line: "CODE: cause. Fix: what to do." The cause gets its full stop here when it lacks one. */
  toLine(): string {
    // Messages may carry names from files or remotes: no terminal escapes reach a log.
    const cause = safeLine(this.message);
    const stopped = this.fix && !/[.!?]$/.test(cause) ? `${cause}.` : cause;
    return safeLine(`${this.code}: ${stopped}${this.fix ? ` Fix: ${this.fix}` : ''}`);
  }
}

/** A usage error (bad or missing flag/input); the CLI exits 2 for these. */
export class UsageError extends CiSigningError {
  constructor(message: string, fix: string) {
    super('USAGE', message, fix, 'usage');
    this.name = 'UsageError';
  }
}

/** The code of anything thrown that is not a CiSigningError. */
const INTERNAL: ErrorsErrorCode = 'INTERNAL';

/** Describes any thrown value as one line, never with a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof CiSigningError) return error.toLine();
  if (error instanceof Error) return safeLine(`${INTERNAL}: ${error.message || error.name}`);
  return safeLine(`${INTERNAL}: ${String(error)}`);
}
