// The CLI's commands and flags: data only, so --help and flag parsing load no OpenPGP and no GitHub client.
import { DEFAULTS, WAIT_TIMEOUT_DEFAULTS } from '../../defaults/src/index.js';

export type OptionSpec = {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  description: string;
  value?: string;
};
/** `positionals`: the command takes arguments after `--` (run's test command). */
type CommandSpec = { summary: string; positionals?: boolean; options: Record<string, OptionSpec> };

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help.' };

/** verify and post: how long rate limits may hold a request up. */
const RATE_LIMIT_WAIT: OptionSpec = {
  type: 'string',
  description: `Total wait allowed for rate limits per request (default ${DEFAULTS['rate-limit-wait']}).`,
  value: 'AGE',
};

/** Flags are the action inputs' names; secrets come from files or the environment, never flag values. */
/** What collect and run share: where the reports are, where the results go, and what they are bound to. */
const COLLECT_OPTIONS = {
  reports: {
    type: 'string',
    multiple: true,
    description: 'Path or glob of a test or coverage report; repeatable.',
    value: 'GLOB',
  },
  out: {
    type: 'string',
    description: `Results file to write (default ${DEFAULTS['results-file']}).`,
    value: 'FILE',
  },
  overwrite: { type: 'boolean', description: 'Replace --out if it exists.' },
  repository: { type: 'string', description: 'owner/name (default env GITHUB_REPOSITORY).', value: 'REPO' },
  commit: {
    type: 'string',
    description: 'Full sha (default: the sha Actions tests, else git rev-parse HEAD).',
    value: 'SHA',
  },
  'check-name': {
    type: 'string',
    description: "Written as the results' check: the check run they are for.",
    value: 'NAME',
  },
} satisfies Record<string, OptionSpec>;

export const COMMANDS = {
  keygen: {
    summary: 'Generate an OpenPGP key pair that GnuPG 2.2 and ci-signing read.',
    options: {
      name: { type: 'string', description: 'User ID name, e.g. "Build box 1".', value: 'NAME' },
      email: { type: 'string', description: 'User ID email.', value: 'EMAIL' },
      'out-dir': {
        type: 'string',
        description: 'Folder for private-key.asc (0600), public-key.asc and revocation.asc.',
        value: 'DIR',
      },
      expires: {
        type: 'string',
        description: `Key lifetime, e.g. 90d, 2y (default ${DEFAULTS.expires}); 0 for none.`,
        value: 'AGE',
      },
      algorithm: {
        type: 'string',
        description: `ed25519 or rsa4096 (default ${DEFAULTS.algorithm}; ed25519 is a v4 legacy EdDSA key).`,
        value: 'ALG',
      },
      'passphrase-file': {
        type: 'string',
        description:
          'File holding the passphrase (a trailing newline is not part of it). Or env CI_SIGNING_PASSPHRASE.',
        value: 'FILE',
      },
      'no-passphrase': {
        type: 'boolean',
        description: 'Leave the private key unencrypted (keep it in a secret store).',
      },
      help: HELP,
    },
  },
  collect: {
    summary:
      'Turn JUnit XML, lcov, Cobertura, JaCoCo, coverage-summary, coverage.py JSON and Go cover reports into a ' +
      'ci-results v1 file.',
    options: {
      ...COLLECT_OPTIONS,
      'exit-code': {
        type: 'string',
        description: "The test command's exit status; non-zero makes the conclusion failure.",
        value: 'N',
      },
      help: HELP,
    },
  },
  run: {
    summary: "Run the test command (after --), then collect its reports; exits with the command's status.",
    positionals: true,
    options: { ...COLLECT_OPTIONS, help: HELP },
  },
  sign: {
    summary: 'Sign a ci-results v1 file: writes an armored detached signature that gpg --verify accepts.',
    options: {
      'results-file': { type: 'string', description: 'The results JSON to sign.', value: 'FILE' },
      'signature-file': {
        type: 'string',
        description: 'Where to write the signature (default <results-file>.asc).',
        value: 'FILE',
      },
      'private-key-file': {
        type: 'string',
        description: 'Armored secret key file. Or env CI_SIGNING_PRIVATE_KEY.',
        value: 'FILE',
      },
      'passphrase-file': {
        type: 'string',
        description: 'Passphrase file. Or env CI_SIGNING_PASSPHRASE.',
        value: 'FILE',
      },
      sha: {
        type: 'string',
        description:
          'Commit the results must name (default in Actions: the commit the run tested; outside: not checked).',
        value: 'SHA',
      },
      'allow-github-hosted': { type: 'boolean', description: 'Sign even on a GitHub-hosted runner (not recommended).' },
      help: HELP,
    },
  },
  verify: {
    summary:
      'Verify a local results file, or the check runs of a commit on GitHub (the newest trusted signature decides).',
    options: {
      'results-file': {
        type: 'string',
        description: 'Local results file; omit to read the check run(s) from GitHub.',
        value: 'FILE',
      },
      'signature-file': {
        type: 'string',
        description: 'Signature of results-file (default <results-file>.asc).',
        value: 'FILE',
      },
      'trusted-keys': {
        type: 'string',
        description: 'Armored public keys (and revocations) as text: --trusted-keys="$(cat key.asc)".',
        value: 'TEXT',
      },
      'trusted-keys-file': {
        type: 'string',
        multiple: true,
        description: 'Path or glob of trusted .asc files; repeatable.',
        value: 'GLOB',
      },
      'trusted-fingerprints': {
        type: 'string',
        description: 'Only these primary keys are trusted: 40-hex fingerprints, comma- or newline-separated.',
        value: 'FPRS',
      },
      sha: {
        type: 'string',
        description:
          'Commit the results must be bound to (default in Actions: the pull request head, merge group or ' +
          'workflow_run head, else env GITHUB_SHA).',
        value: 'SHA',
      },
      repository: {
        type: 'string',
        description: 'owner/name the results must be bound to (default env GITHUB_REPOSITORY).',
        value: 'REPO',
      },
      'allow-unsigned': {
        type: 'string',
        description: `false, true, or YYYY-MM-DD (default ${DEFAULTS['allow-unsigned']}).`,
        value: 'WHEN',
      },
      'max-failed-tests': {
        type: 'string',
        description: `Most failed tests accepted (default ${DEFAULTS['max-failed-tests']}).`,
        value: 'N',
      },
      'min-coverage': {
        type: 'string',
        description: 'Least line coverage in percent (default: no check).',
        value: 'PCT',
      },
      'min-tests': {
        type: 'string',
        description: `Least tests run, passed + failed (default ${DEFAULTS['min-tests']}).`,
        value: 'N',
      },
      'max-age': {
        type: 'string',
        description: 'Oldest signature accepted, e.g. 24h or 7d (default: no limit).',
        value: 'AGE',
      },
      'check-name': {
        type: 'string',
        multiple: true,
        description: `Check run name to read (default ${DEFAULTS['check-name']}); repeatable.`,
        value: 'NAME',
      },
      'wait-timeout': {
        type: 'string',
        description:
          `Wait this long for a run that can decide (default ${WAIT_TIMEOUT_DEFAULTS.github} from GitHub, ` +
          `${WAIT_TIMEOUT_DEFAULTS['results-file']} for a file).`,
        value: 'AGE',
      },
      'wait-interval': {
        type: 'string',
        description: `Time between looks while waiting (default ${DEFAULTS['wait-interval']}).`,
        value: 'AGE',
      },
      'rate-limit-wait': RATE_LIMIT_WAIT,
      'api-url': {
        type: 'string',
        description: 'GitHub API URL (default env GITHUB_API_URL or https://api.github.com). Token: env GITHUB_TOKEN.',
        value: 'URL',
      },
      format: { type: 'string', description: 'text (default), markdown or json.', value: 'FMT' },
      help: HELP,
    },
  },
  post: {
    summary: 'Post results and their signature to the commit as a GitHub check run (once, with retries).',
    options: {
      'results-file': { type: 'string', description: 'The results JSON.', value: 'FILE' },
      'signature-file': {
        type: 'string',
        description: 'Its signature (default <results-file>.asc when present).',
        value: 'FILE',
      },
      'check-name': {
        type: 'string',
        description: `Check run name (default ${DEFAULTS['check-name']}).`,
        value: 'NAME',
      },
      retries: {
        type: 'string',
        description: `Retries of a transient failure (default ${DEFAULTS.retries}).`,
        value: 'N',
      },
      'retry-delay': {
        type: 'string',
        description: `First backoff in seconds, doubling (default ${DEFAULTS['retry-delay']}).`,
        value: 'S',
      },
      'request-timeout': {
        type: 'string',
        description: `Seconds per HTTP attempt (default ${DEFAULTS['request-timeout']}).`,
        value: 'S',
      },
      'rate-limit-wait': RATE_LIMIT_WAIT,
      'api-url': {
        type: 'string',
        description: 'GitHub API URL (default env GITHUB_API_URL or https://api.github.com).',
        value: 'URL',
      },
      'app-id': {
        type: 'string',
        description: 'GitHub App ID (instead of env GITHUB_TOKEN; classic PATs cannot create check runs).',
        value: 'ID',
      },
      'app-private-key-file': { type: 'string', description: "The GitHub App's private key (PEM).", value: 'FILE' },
      help: HELP,
    },
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
