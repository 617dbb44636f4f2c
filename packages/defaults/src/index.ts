// Every default and every limit, defined once. The operations, the CLI help and the action.yml files take
// them from here; __tests__/defaults.test.ts fails when an action.yml `default:` disagrees.

/**
 * Input defaults, by input name (the CLI flag has the same name). Strings, as inputs arrive. An input that is
 * not listed here defaults to '' (not set) in every action.yml.
 */
export const DEFAULTS = {
  'check-name': 'local-ci',
  // In an action the token defaults to the job's own; the CLI reads GITHUB_TOKEN instead.
  token: '${{ github.token }}',
  // collect, and the sign and root actions when they collect
  'results-file': 'ci-results.json',
  // sign
  'allow-github-hosted': 'false',
  // post
  retries: '3',
  'retry-delay': '2',
  'request-timeout': '30',
  // post and verify: total time rate-limit answers may make one request wait (retries count failures only).
  'rate-limit-wait': '10m',
  // verify policy
  'allow-unsigned': 'false',
  'max-failed-tests': '0',
  'min-coverage': '',
  'min-tests': '1',
  'max-age': '',
  // verify: '' means WAIT_TIMEOUT_DEFAULTS by mode (15m reading from GitHub, 0 for a local file).
  'wait-timeout': '',
  'wait-interval': '15s',
  // keygen
  expires: '1y',
  algorithm: 'ed25519',
} as const;

/** wait-timeout when left empty: wait for the trusted runner on GitHub; a local file is there or not. */
export const WAIT_TIMEOUT_DEFAULTS = { github: '15m', 'results-file': '0' } as const;

export type DefaultedInput = keyof typeof DEFAULTS;

/** Where one action's input means something else when empty (verify: '' reads the check runs instead). */
export const ACTION_DEFAULTS: Record<string, Partial<Record<string, string>>> = {
  verify: { 'results-file': '' },
};

/** An input's value, or its default when absent or blank. */
export function withDefault(name: DefaultedInput, value: string | undefined): string {
  return value === undefined || value.trim() === '' ? DEFAULTS[name] : value;
}

/** Caps on anything read or decoded, so no input can stall or flood a run. Bytes unless named otherwise. */
export const LIMITS = {
  resultsFileBytes: 16 * 1024 * 1024,
  signatureArmorBytes: 64 * 1024,
  trustedKeyFileBytes: 1024 * 1024,
  trustedKeysTotalBytes: 4 * 1024 * 1024,
  /** The embedded block in a check run's output.text, once decompressed. */
  embeddedBlockDecompressedBytes: 16 * 1024 * 1024,
  /** Signature packets in one detached signature; each costs a public-key operation. */
  signaturePackets: 8,
  /** The runner's event payload (GITHUB_EVENT_PATH), read for the tested commit. */
  eventPayloadBytes: 32 * 1024 * 1024,
  /** A passphrase or GitHub App key file. */
  secretFileBytes: 1024 * 1024,
  /** Most retries of a failed request that an input may ask for. */
  maxRetries: 20,
} as const;
