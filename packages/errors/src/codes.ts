// The catalogue of error codes: one list per package, one condition per code. A code raised by several packages
// (a file that does not exist, a results repository that is not the expected one) lives in the lowest package's
// list only. packages/errors/__tests__/codes.test.ts keeps the lists disjoint, well-formed and in use.

export const ERROR_CODES = {
  errors: ['USAGE', 'INTERNAL'],
  common: ['FILE_NOT_FOUND', 'FILE_NOT_REGULAR', 'FILE_TOO_LARGE', 'FILE_UNREADABLE', 'FILE_UNWRITABLE'],
  results: ['RESULTS_EMPTY', 'RESULTS_NOT_UTF8', 'RESULTS_NOT_JSON', 'RESULTS_INVALID'],
  collect: [
    'COLLECT_NO_PATTERNS',
    'COLLECT_NO_MATCH',
    'REPORT_DTD',
    'REPORT_EMPTY',
    'REPORT_MALFORMED',
    'REPORT_NO_COVERAGE',
    'REPORT_NO_TESTS',
    'REPORT_UNKNOWN_FORMAT',
    'REPORT_UNREADABLE',
  ],
  signing: [
    'KEY_BINDING',
    'KEY_EXPIRED',
    'KEY_NOT_PRIVATE',
    'KEY_NO_SIGNING',
    'KEY_PASSPHRASE',
    'KEY_REVOKED',
    'KEY_UNREADABLE',
    'KEY_WEAK',
    'SIGN_FAILED',
    'SIGNATURE_FROM_FUTURE',
    'SIGNATURE_INVALID',
    'SIGNATURE_MALFORMED',
    'SIGNATURE_TOO_LARGE',
    'SIGNATURE_TOO_MANY_PACKETS',
    'SIGNATURE_UNTRUSTED_KEY',
    'SIGNATURE_WEAK_HASH',
    'TRUSTED_KEY_FILE_MISMATCH',
    'TRUSTED_KEYS_EMPTY',
    'TRUSTED_KEYS_TOO_LARGE',
    'TRUSTED_KEYS_UNREADABLE',
  ],
  verifier: [
    'SIGNATURE_MISSING',
    'TRUSTED_KEYS_MISSING',
    'BINDING_MISMATCH',
    'CHECK_NAME_MISMATCH',
    'CHECK_NAME_MISSING',
    'RESULTS_AGE_UNKNOWN',
    'RESULTS_TOO_OLD',
    'THRESHOLDS_NOT_MET',
  ],
  checks: [
    'APP_CREDENTIALS_REJECTED',
    'APP_KEY_UNREADABLE',
    'APP_NOT_INSTALLED',
    'EMBEDDED_BLOCK_AMBIGUOUS',
    'EMBEDDED_BLOCK_CORRUPT',
    'EMBEDDED_BLOCK_DIGEST_MISMATCH',
    'EMBEDDED_BLOCK_MALFORMED',
    'EMBEDDED_BLOCK_MISSING',
    'EMBEDDED_BLOCK_TOO_LARGE',
    'EMBEDDED_BLOCK_UNSUPPORTED_ENCODING',
    'EMBEDDED_BLOCK_UNSUPPORTED_VERSION',
    'GITHUB_API_URL_INVALID',
    'GITHUB_BAD_TOKEN',
    'GITHUB_FORBIDDEN',
    'GITHUB_NOT_FOUND',
    'GITHUB_RATE_LIMITED',
    'GITHUB_REQUEST_REJECTED',
    'GITHUB_RETRIES_EXHAUSTED',
    'GITHUB_TOKEN_CANNOT_WRITE_CHECKS',
    'GITHUB_TOKEN_LACKS_CHECKS_PERMISSION',
    'GITHUB_TOKEN_MISSING',
    'GITHUB_UNEXPECTED_304',
    'GITHUB_VALIDATION_FAILED',
    'REPOSITORY_INVALID',
    'REPOSITORY_MISMATCH',
    'RESULTS_TOO_LARGE',
  ],
  operations: [
    'CHECK_RUN_NOT_FOUND',
    'CHECK_RUN_WAIT_TIMED_OUT',
    'COMMAND_NOT_STARTED',
    'COMMIT_MISMATCH',
    'EMBEDDED_BLOCK_INVALID',
    'FORK_PULL_REQUEST',
    'GITHUB_HOSTED_RUNNER',
    'RESULTS_FILE_EXISTS',
    'TRUSTED_KEYS_FILE_NOT_FOUND',
  ],
  cli: ['KEY_FILE_EXISTS'],
} as const;

/** The packages that own error codes, lowest layer first. */
export type ErrorCodePackage = keyof typeof ERROR_CODES;

export type ErrorsErrorCode = (typeof ERROR_CODES)['errors'][number];
export type CommonErrorCode = (typeof ERROR_CODES)['common'][number];
export type ResultsErrorCode = (typeof ERROR_CODES)['results'][number];
export type CollectErrorCode = (typeof ERROR_CODES)['collect'][number];
export type SigningErrorCode = (typeof ERROR_CODES)['signing'][number];
export type VerifierErrorCode = (typeof ERROR_CODES)['verifier'][number];
export type ChecksErrorCode = (typeof ERROR_CODES)['checks'][number];
export type OperationsErrorCode = (typeof ERROR_CODES)['operations'][number];
export type CliErrorCode = (typeof ERROR_CODES)['cli'][number];

/** Every error code of ci-signing. */
export type ErrorCode = (typeof ERROR_CODES)[ErrorCodePackage][number];
