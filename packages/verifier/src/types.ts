// Types of the verifier. The verifier depends on results (parsing, markdown); nothing depends back.
import type { CiSigningError } from '../../errors/src/index.js';
import type { CiResults } from '../../results/src/index.js';
import type { TrustedKeyring } from '../../signing/src/index.js';

/** The five checks, in the order they run. */
export const CHECK_IDS = ['signature-present', 'signature-valid', 'binding', 'freshness', 'thresholds'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'fail' | 'skip' | 'warn';

export interface CheckOutcome {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** One line saying what was checked and what was found. */
  detail: string;
}

export interface VerifyPolicy {
  /** true, false, or a UTC calendar day (midnight UTC) through whose end unsigned results are accepted. */
  allowUnsigned: boolean | Date;
  maxFailedTests: number;
  /** Minimum line coverage in percent; null = not checked. */
  minCoverage: number | null;
  /** Minimum of passed + failed tests. */
  minTests: number;
  /** Maximum age of the signature (or, unsigned, of completedAt) in seconds; null = not checked. */
  maxAgeSeconds: number | null;
}

export interface VerifyInput {
  /** The exact bytes of the results file; the signature is checked over these before they are parsed. */
  resultsBytes: Uint8Array;
  /** The detached signature, armored or binary, or null (or empty) when there is none. */
  signature: string | Uint8Array | null;
  keyring: TrustedKeyring | null;
  expected: {
    repository: string;
    sha: string;
    /** The run the results were read from: its name, and whether it is the only name being verified. */
    checkRun?: { name: string; soleName: boolean };
  };
  policy: VerifyPolicy;
  now: Date;
  /** Names the results in messages: a file path or a check run. */
  source: string;
}

/** Why no result reached the five checks: nothing to read, or nothing worth waiting for. */
export const UNREAD_IDS = ['run-not-found', 'wait-timed-out', 'fork-pull-request', 'block-unreadable'] as const;
export type UnreadId = (typeof UNREAD_IDS)[number];

export interface Unread {
  id: UnreadId;
  title: string;
  /** One line: what was looked for, where, and what was found instead. */
  detail: string;
}

export interface VerificationReport {
  /** No check failed. */
  verified: boolean;
  /** A signature by a trusted key over the results was verified. */
  signed: boolean;
  /** Primary key fingerprint (40 hex upper-case) of the signer; '' when unsigned or not verified. */
  fingerprint: string;
  /** Signing (sub)key id (16 hex upper-case); '' when unsigned or not verified. */
  signingKeyId: string;
  /** Signature creation time as ISO 8601; '' when unsigned or not verified. */
  signedAt: string;
  /** results.conclusion; '' when the results were not parsed. */
  conclusion: string;
  /** The five checks, always in order (all `skip` when `unread` is set). */
  checks: CheckOutcome[];
  /** Set when there was no result to check; `error` then says why. */
  unread?: Unread;
  /** The parsed results, present once they were parsed (after the signature over them was verified). */
  results?: CiResults;
  /** The first failure; kind 'verification' unless something unexpected broke. */
  error?: CiSigningError;
}
