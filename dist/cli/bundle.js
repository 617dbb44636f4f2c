import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 7109:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ checkSha),
/* harmony export */   DG: () => (/* binding */ checkPercentage),
/* harmony export */   bQ: () => (/* binding */ parseFlags),
/* harmony export */   pA: () => (/* binding */ nearest)
/* harmony export */ });
/* unused harmony export distance */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4357);
// Flag parsing and its messages: every usage error names the flag and says what to type instead.


const ARMOR = /^-----BEGIN PGP /;
/**
 * parseArgs refuses a value that starts with a dash as ambiguous; armor always does. A string flag followed by
 * armor takes it as its value (`--trusted-keys "$(cat key.asc)"`), as if written with `=`.
 */
function joinArmorValues(args, options) {
    const joined = [];
    for (let index = 0; index < args.length; index++) {
        const arg = args[index];
        // After --, everything belongs to run's command.
        if (arg === '--')
            return [...joined, ...args.slice(index)];
        const spec = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
        if (spec?.type === 'string' && ARMOR.test(args[index + 1] ?? ''))
            joined.push(`${arg}=${args[++index]}`);
        else
            joined.push(arg);
    }
    return joined;
}
/** Edit distance, for "did you mean": flags are short, so the quadratic table is fine. */
function distance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
/** The nearest candidate, when it is near enough to be a typo (or the typed word is a prefix of it). */
function nearest(word, candidates) {
    let best;
    for (const candidate of candidates) {
        const score = candidate.startsWith(word) || word.startsWith(candidate) ? 1 : distance(word, candidate);
        if (!best || score < best.score)
            best = { candidate, score };
    }
    return best && best.score <= Math.max(2, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}
/** parseArgs with strict flags; its errors become one-line UsageErrors that never echo a flag's value. */
function parseFlags(command, args, options, allowPositionals = false) {
    try {
        const parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({ args: joinArmorValues(args, options), options, strict: true, allowPositionals });
        return { values: parsed.values, positionals: parsed.positionals };
    }
    catch (error) {
        throw usageFromParseError(command, error, options);
    }
}
function usageFromParseError(command, error, options) {
    const help = `see ci-signing ${command} --help.`;
    const quoted = /'(-[^']*)'/.exec(error.message)?.[1] ?? '';
    if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        // The name only: `--private-key=SECRET` must not put the secret in the log.
        const flag = quoted.split('=')[0];
        const guess = nearest(flag.replace(/^-+/, ''), Object.keys(options));
        const fix = guess ? `Did you mean --${guess}? Or ${help}` : `Use a flag that ${command} knows; ${help}`;
        return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`unknown flag ${flag} for ${command}`, fix);
    }
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /ambiguous/.test(error.message)) {
        return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`the value after ${quoted} starts with a dash, so it reads as another flag`, `Join them with '=': ${quoted}="$(cat key.asc)" or ${quoted}=-VALUE.`);
    }
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
        const flag = quoted || '--flag';
        return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`${flag} needs a value`, `Give it one, e.g. ${flag} VALUE; ${help}`);
    }
    if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
        // The usual cause: an unquoted glob that the shell expanded into several arguments.
        const fix = `Every value follows its flag, e.g. --results-file FILE; quote a glob so the shell does not expand it ` +
            `(--trusted-keys-file '.github/ci-signing/trusted-keys/*.asc'); ${help}`;
        return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`unexpected argument ${quoted}`, fix);
    }
    return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(error.message.split('\n')[0], help);
}
/** A commit must be named in full: a short sha never matches the results' commit, which reads like a replay. */
function checkSha(value, flag = '--sha') {
    if (!value || /^[0-9a-f]{40}$/i.test(value))
        return;
    const what = /^[0-9a-f]+$/i.test(value) ? `a short sha (${value.length} hex digits)` : 'not a commit sha';
    throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`${flag} '${value}' is ${what}; a full 40-hex commit sha is required`, `Pass the full sha, e.g. ${flag} "$(git rev-parse HEAD)".`);
}
/** --min-coverage is a percentage; 0.8 almost always means 80 %, and taking it as 0.8 % would pass anything. */
function checkPercentage(value, flag = '--min-coverage') {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number >= 1)
        return;
    const percent = +(number * 100).toFixed(6);
    throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`${flag} ${value} looks like a fraction, but ${flag} is a percentage (0-100), so it would accept ${value} %`, `Did you mean ${flag} ${percent}? Give the percentage.`);
}


/***/ }),

/***/ 6927:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2049);

process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 7733:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ COMMANDS)
/* harmony export */ });
/* harmony import */ var _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4592);
// The CLI's commands and flags: data only, so --help and flag parsing load no OpenPGP and no GitHub client.

const HELP = { type: 'boolean', short: 'h', description: 'Show this help.' };
/** verify and post: how long rate limits may hold a request up. */
const RATE_LIMIT_WAIT = {
    type: 'string',
    description: `Total wait allowed for rate limits per request (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['rate-limit-wait']}).`,
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
        description: `Results file to write (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['results-file']}).`,
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
};
const COMMANDS = {
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
                description: `Key lifetime, e.g. 90d, 2y (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY.expires}); 0 for none.`,
                value: 'AGE',
            },
            algorithm: {
                type: 'string',
                description: `ed25519 or rsa4096 (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY.algorithm}; ed25519 is a v4 legacy EdDSA key).`,
                value: 'ALG',
            },
            'passphrase-file': {
                type: 'string',
                description: 'File holding the passphrase (a trailing newline is not part of it). Or env CI_SIGNING_PASSPHRASE.',
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
        summary: 'Turn JUnit XML, lcov, Cobertura, JaCoCo, coverage-summary, coverage.py JSON and Go cover reports into a ' +
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
                description: 'Commit the results must name (default in Actions: the commit the run tested; outside: not checked).',
                value: 'SHA',
            },
            'allow-github-hosted': { type: 'boolean', description: 'Sign even on a GitHub-hosted runner (not recommended).' },
            help: HELP,
        },
    },
    verify: {
        summary: 'Verify a local results file, or the check runs of a commit on GitHub (the newest trusted signature decides).',
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
                description: 'Commit the results must be bound to (default in Actions: the pull request head, merge group or ' +
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
                description: `false, true, or YYYY-MM-DD (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['allow-unsigned']}).`,
                value: 'WHEN',
            },
            'max-failed-tests': {
                type: 'string',
                description: `Most failed tests accepted (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['max-failed-tests']}).`,
                value: 'N',
            },
            'min-coverage': {
                type: 'string',
                description: 'Least line coverage in percent (default: no check).',
                value: 'PCT',
            },
            'min-tests': {
                type: 'string',
                description: `Least tests run, passed + failed (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['min-tests']}).`,
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
                description: `Check run name to read (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['check-name']}); repeatable.`,
                value: 'NAME',
            },
            'wait-timeout': {
                type: 'string',
                description: `Wait this long for a run that can decide (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .WAIT_TIMEOUT_DEFAULTS */ .vS.github} from GitHub, ` +
                    `${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .WAIT_TIMEOUT_DEFAULTS */ .vS['results-file']} for a file).`,
                value: 'AGE',
            },
            'wait-interval': {
                type: 'string',
                description: `Time between looks while waiting (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['wait-interval']}).`,
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
                description: `Check run name (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['check-name']}).`,
                value: 'NAME',
            },
            retries: {
                type: 'string',
                description: `Retries of a transient failure (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY.retries}).`,
                value: 'N',
            },
            'retry-delay': {
                type: 'string',
                description: `First backoff in seconds, doubling (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['retry-delay']}).`,
                value: 'S',
            },
            'request-timeout': {
                type: 'string',
                description: `Seconds per HTTP attempt (default ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULTS */ .zY['request-timeout']}).`,
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
};


/***/ }),

/***/ 2049:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ main)
/* harmony export */ });
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4357);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7109);
/* harmony import */ var _flags_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7733);



async function main(argv, io) {
    const [command, ...rest] = argv;
    if (command === '--version') {
        io.stdout('ci-signing 2.0.0\n');
        return 0;
    }
    // Loaded at the point of use (the bundle splits here): help needs only the help text, a command its operation.
    if (!command || command === '--help' || command === '-h' || command === 'help') {
        const { mainHelp } = await __nccwpck_require__.e(/* import() */ 27).then(__nccwpck_require__.bind(__nccwpck_require__, 6027));
        io.stdout(mainHelp());
        return command ? 0 : 2;
    }
    if (!(command in _flags_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMANDS */ .L)) {
        const guess = (0,_args_js__WEBPACK_IMPORTED_MODULE_1__/* .nearest */ .pA)(command, Object.keys(_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMANDS */ .L));
        const known = `Use one of ${Object.keys(_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMANDS */ .L).join(', ')}; see ci-signing --help.`;
        const fix = `${guess ? `Did you mean ci-signing ${guess}? ` : ''}${known}`;
        io.stderr(`ci-signing: ${new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`unknown command '${command}'`, fix).toLine()}\n`);
        return 2;
    }
    const name = command;
    let values;
    let positionals;
    const takesPositionals = 'positionals' in _flags_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMANDS */ .L[name] && _flags_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMANDS */ .L[name].positionals === true;
    try {
        ({ values, positionals } = (0,_args_js__WEBPACK_IMPORTED_MODULE_1__/* .parseFlags */ .bQ)(name, rest, _flags_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMANDS */ .L[name].options, takesPositionals));
    }
    catch (error) {
        io.stderr(`ci-signing: ${(0,_errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error)}\n`);
        return 2;
    }
    if (takesPositionals && positionals.length > 0 && !rest.includes('--')) {
        io.stderr(`ci-signing: USAGE: ${name} takes its command after --. Fix: ci-signing ${name} [flags] -- COMMAND [ARGS...].\n`);
        return 2;
    }
    if (values.help) {
        const { helpFor } = await __nccwpck_require__.e(/* import() */ 27).then(__nccwpck_require__.bind(__nccwpck_require__, 6027));
        io.stdout(helpFor(name));
        return 0;
    }
    try {
        // Only a command that runs loads its operation (OpenPGP, the GitHub client).
        const { runCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(674), __nccwpck_require__.e(337)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6337));
        return await runCommand(name, values, io, positionals);
    }
    catch (error) {
        io.stderr(`ci-signing: ${(0,_errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error)}\n`);
        if (error instanceof _errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb || (error instanceof _errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .CiSigningError */ .AO && error.kind === 'usage'))
            return 2;
        return 1;
    }
}


/***/ }),

/***/ 4592:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IQ: () => (/* binding */ withDefault),
/* harmony export */   b1: () => (/* binding */ LIMITS),
/* harmony export */   vS: () => (/* binding */ WAIT_TIMEOUT_DEFAULTS),
/* harmony export */   zY: () => (/* binding */ DEFAULTS)
/* harmony export */ });
/* unused harmony export ACTION_DEFAULTS */
// Every default and every limit, defined once. The operations, the CLI help and the action.yml files take
// them from here; __tests__/defaults.test.ts fails when an action.yml `default:` disagrees.
/**
 * Input defaults, by input name (the CLI flag has the same name). Strings, as inputs arrive. An input that is
 * not listed here defaults to '' (not set) in every action.yml.
 */
const DEFAULTS = {
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
};
/** wait-timeout when left empty: wait for the trusted runner on GitHub; a local file is there or not. */
const WAIT_TIMEOUT_DEFAULTS = { github: '15m', 'results-file': '0' };
/** Where one action's input means something else when empty (verify: '' reads the check runs instead). */
const ACTION_DEFAULTS = {
    verify: { 'results-file': '' },
};
/** An input's value, or its default when absent or blank. */
function withDefault(name, value) {
    return value === undefined || value.trim() === '' ? DEFAULTS[name] : value;
}
/** Caps on anything read or decoded, so no input can stall or flood a run. Bytes unless named otherwise. */
const LIMITS = {
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
};


/***/ }),

/***/ 4357:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AO: () => (/* binding */ CiSigningError),
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   eb: () => (/* binding */ UsageError)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2310);



class CiSigningError extends Error {
    code;
    fix;
    kind;
    constructor(code, message, fix, kind = 'input') {
        super(message);
        this.name = 'CiSigningError';
        this.code = code;
        this.fix = fix;
        this.kind = kind;
    }
    /** One line: "CODE: cause. Fix: what to do." The cause gets its full stop here when it lacks one. */
    toLine() {
        // Messages may carry names from files or remotes: no terminal escapes reach a log.
        const cause = (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLine */ .om)(this.message);
        const stopped = this.fix && !/[.!?]$/.test(cause) ? `${cause}.` : cause;
        return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLine */ .om)(`${this.code}: ${stopped}${this.fix ? ` Fix: ${this.fix}` : ''}`);
    }
}
/** A usage error (bad or missing flag/input); the CLI exits 2 for these. */
class UsageError extends CiSigningError {
    constructor(message, fix) {
        super('USAGE', message, fix, 'usage');
        this.name = 'UsageError';
    }
}
/** The code of anything thrown that is not a CiSigningError. */
const INTERNAL = 'INTERNAL';
/** Describes any thrown value as one line, never with a stack trace. */
function describeError(error) {
    if (error instanceof CiSigningError)
        return error.toLine();
    if (error instanceof Error)
        return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLine */ .om)(`${INTERNAL}: ${error.message || error.name}`);
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLine */ .om)(`${INTERNAL}: ${String(error)}`);
}


/***/ }),

/***/ 2310:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   kU: () => (/* binding */ stripControl),
/* harmony export */   om: () => (/* binding */ safeLine)
/* harmony export */ });
/* unused harmony export oneLine */
// Text that reaches a log line or an error message: one line, no terminal control sequences.
// It lives beside the errors because every message is built with it, and errors import nothing.
/** Folds every run of white space (newlines included) into one space. */
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim();
}
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte ESC sequences, then any C0/C1 control
// left over (tab and newline are kept; oneLine folds them where one line is wanted).
/* eslint-disable no-control-regex -- matching control characters is the point */
const TERMINAL_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */
/** Removes ANSI/OSC escapes and control characters from remote or file content before it is printed. */
function stripControl(text) {
    return text.replace(TERMINAL_SEQUENCES, '').replace(CONTROL_CHARACTERS, '');
}
/** Text from outside (a report, an API body) made safe for one log line. */
function safeLine(text) {
    return oneLine(stripControl(text));
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 3339:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(6927);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
