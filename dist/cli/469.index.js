export const id = 469;
export const ids = [469];
export const modules = {

/***/ 7093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ failuresToAnnotations),
/* harmony export */   j: () => (/* binding */ ANNOTATIONS_PER_REQUEST)
/* harmony export */ });
/* harmony import */ var _utf8_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8792);
// Test failures as check-run annotations, within GitHub's per-annotation and per-request limits.

const ANNOTATIONS_PER_REQUEST = 50;
const TITLE_MAX_CHARS = 255;
const MESSAGE_MAX_BYTES = 64 * 1024 - 1;
/** One annotation per failure, in order; failures without a file are pinned to `fallbackPath`. */
function failuresToAnnotations(failures, fallbackPath) {
    return (failures ?? []).map((failure) => {
        const line = Number.isInteger(failure.line) && failure.line >= 1 ? failure.line : 1;
        const name = String(failure.name ?? '').trim() || 'Failed test';
        const message = String(failure.message ?? '').trim() || name;
        return {
            path: normalizePath(failure.file) || fallbackPath,
            start_line: line,
            end_line: line,
            annotation_level: 'failure',
            title: (0,_utf8_js__WEBPACK_IMPORTED_MODULE_0__/* .truncateChars */ .UT)(name, TITLE_MAX_CHARS),
            message: (0,_utf8_js__WEBPACK_IMPORTED_MODULE_0__/* .truncateUtf8WithMarker */ .GL)(message, MESSAGE_MAX_BYTES),
        };
    });
}
/** Repository-relative, forward slashes. */
function normalizePath(file) {
    if (typeof file !== 'string')
        return '';
    return file
        .trim()
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '');
}


/***/ }),

/***/ 5924:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* harmony import */ var async_retry__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5195);
/* harmony import */ var async_retry__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(async_retry__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1351);
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4357);
/* harmony import */ var _common_src_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4627);
/* harmony import */ var _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4592);
/* harmony import */ var _common_src_index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2349);
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8665);
/* harmony import */ var _github_request_error_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2139);
/* harmony import */ var _retry_policy_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8660);
// The GitHub client: Octokit (from @actions/github) for the HTTP, async-retry as the one layer that retries.









/** Thrown inside async-retry's loop to end it (async-retry stops on an error with `bail: true`). */
class StopRetrying extends Error {
    error;
    bail = true;
    constructor(error) {
        super('stop retrying');
        this.error = error;
    }
}
function createGitHubClient(options) {
    const settings = {
        retries: options.retries ?? Number(_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULTS */ .zY.retries),
        retryDelayMs: options.retryDelayMs ?? Number(_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULTS */ .zY['retry-delay']) * 1000,
        requestTimeoutMs: options.requestTimeoutMs ?? Number(_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULTS */ .zY['request-timeout']) * 1000,
        maxWaitMs: options.maxWaitMs ?? 120000,
        rateLimitWaitMs: options.rateLimitWaitMs ?? (0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDuration */ .E9)(_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULTS */ .zY['rate-limit-wait'], { name: 'rate-limit-wait' }) * 1000,
        log: options.log,
        random: options.random ?? Math.random,
    };
    if (!options.token) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_5__/* .CiSigningError */ .AO('GITHUB_TOKEN_MISSING', 'No GitHub token was given.', 'Pass a token with checks: write (GITHUB_TOKEN in Actions) or GitHub App credentials.', 'github');
    }
    const baseUrl = String(options.baseUrl ?? '')
        .trim()
        .replace(/\/+$/, '');
    // Credentials in the URL would be echoed by fetch's own errors; the token is the only credential.
    if ((0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_6__/* .urlHasCredentials */ .wt)(baseUrl)) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_5__/* .CiSigningError */ .AO('GITHUB_API_URL_INVALID', `The GitHub API URL ${(0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_6__/* .redactUrl */ .BO)(baseUrl)} holds a user or password before the host (not shown).`, 'Remove the credentials from the URL (--api-url or GITHUB_API_URL); the token goes in GITHUB_TOKEN or the ' +
            'token input.', 'github');
    }
    if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_5__/* .CiSigningError */ .AO('GITHUB_API_URL_INVALID', `The GitHub API URL (${(0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_6__/* .redactUrl */ .BO)(baseUrl)}) is not an http(s) URL.`, 'Use https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server (GITHUB_API_URL).', 'github');
    }
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .getOctokit */ .Q)(options.token, {
        // @actions/github reads GITHUB_API_URL once at import, so the base URL is always passed explicitly.
        baseUrl,
        // Keep @actions/github's proxy-aware fetch; octokit's retry/throttle plugins (not bundled by
        // @actions/github 9, disabled here in case they ever are) must not retry behind our back.
        request: { ..._actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_2__/* .defaults */ .NT.request, retries: 0 },
        retry: { enabled: false },
        throttle: { enabled: false },
    });
    return buildClient(octokit, baseUrl, settings, []);
}
function buildClient(octokit, baseUrl, settings, parentCounters) {
    const counter = { count: 0 };
    const counters = [counter, ...parentCounters];
    const describe = (route, params) => {
        const endpoint = octokit.request.endpoint(route, params ?? {});
        const url = new URL(endpoint.url, `${baseUrl}/`);
        const basePath = new URL(`${baseUrl}/`).pathname.replace(/\/$/, '');
        const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
        const owner = params?.owner;
        const repo = params?.repo;
        return {
            method: endpoint.method,
            path,
            repository: typeof owner === 'string' && typeof repo === 'string' ? `${owner}/${repo}` : undefined,
        };
    };
    /** One HTTP attempt with the per-attempt timeout; never retries, never throws. */
    const sendOnce = async (route, params, requestCounters) => {
        for (const c of [...counters, ...requestCounters])
            c.count++;
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            controller.abort();
        }, settings.requestTimeoutMs);
        try {
            const response = await octokit.request(route, { ...params, request: { signal: controller.signal } });
            if (timedOut)
                return { failure: (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .timeoutFailure */ ._N)(settings.requestTimeoutMs) };
            // Octokit turns a JSON body cut off mid-way (reset, timeout while reading) into a string.
            const contentType = String(response.headers['content-type'] ?? '');
            if (contentType.includes('json') && typeof response.data === 'string') {
                return { failure: { outcomeUnknown: true, description: "GitHub's answer was cut off" } };
            }
            return { response: response };
        }
        catch (error) {
            // Octokit reports a 304 (only possible after If-None-Match) as an error.
            if (!timedOut && error?.status === 304)
                return { notModified: true };
            return {
                failure: (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .classifyFailure */ .XE)(error, describe(route, params), { timedOut, timeoutMs: settings.requestTimeoutMs }),
            };
        }
        finally {
            clearTimeout(timer);
        }
    };
    /** `outer` counts the attempts of the requests this one is made for (a lookup for a write). */
    const send = async (route, params, options, outer) => {
        const description = describe(route, params);
        const maxAttempts = settings.retries + 1;
        const own = { count: 0 };
        const requestCounters = [own, ...outer];
        const lookup = (lookupRoute, lookupParams) => request(lookupRoute, lookupParams, {}, requestCounters);
        // Sticky: once an attempt may have been applied, later attempts look before they write again.
        let outcomeUnknown = false;
        let waitMs = 0;
        let failures = 0;
        let rateLimitedAnswers = 0;
        let rateLimitWaitedMs = 0;
        // The waits come from each answer (retry-after, x-ratelimit-reset) and from a time budget, so they are
        // computed here and slept at the start of the next attempt; async-retry only repeats (forever, no delay
        // of its own) until an attempt succeeds or throws StopRetrying.
        const attempt = async () => {
            if (waitMs > 0)
                await sleep(waitMs);
            if (outcomeUnknown && options.reconcile) {
                let applied;
                try {
                    applied = await options.reconcile(lookup);
                }
                catch (error) {
                    // The lookup had its own retries; without its answer the write cannot be safely re-sent.
                    throw new StopRetrying(lookupFailed(error, description, own.count));
                }
                if (applied)
                    return applied;
                outcomeUnknown = false;
            }
            const outcome = await sendOnce(route, params, requestCounters);
            if ('response' in outcome)
                return outcome.response;
            if ('notModified' in outcome)
                return 'not-modified';
            const { failure } = outcome;
            if (failure.permanent)
                throw new StopRetrying(withAttempts(failure.permanent, own.count));
            outcomeUnknown ||= failure.outcomeUnknown;
            const nowMs = Date.now();
            if (failure.rateLimit) {
                // Rate-limit answers say when to come back; they are budgeted by total waiting time
                // (rate-limit-wait), so that honouring them does not use up the retries meant for failures.
                rateLimitedAnswers++;
                const wait = (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .computeWait */ .RR)({
                    attempt: rateLimitedAnswers,
                    headers: failure.headers,
                    rateLimit: failure.rateLimit,
                    ...waitSettings(nowMs),
                });
                // Each wait is charged at least a second, so that a server asking for 0 s cannot loop forever.
                const charged = Math.max(wait.ms, 1000);
                if (rateLimitWaitedMs + charged > settings.rateLimitWaitMs) {
                    throw new StopRetrying(rateLimitBudgetSpent(failure, description, own.count, rateLimitWaitedMs, wait.ms, settings.rateLimitWaitMs, outcomeUnknown));
                }
                rateLimitWaitedMs += charged;
                waitMs = wait.ms;
                const left = (0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_4__/* .formatSeconds */ .Xo)(Math.floor((settings.rateLimitWaitMs - rateLimitWaitedMs) / 1000));
                settings.log((0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .retryLogLine */ .fi)(failure, description, wait, `${failure.rateLimit} rate limit; ${left} of rate-limit-wait left`));
            }
            else {
                failures++;
                if (failures >= maxAttempts)
                    throw new StopRetrying(exhausted(failure, description, own.count, outcomeUnknown));
                const wait = (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .computeWait */ .RR)({ attempt: failures, headers: failure.headers, ...waitSettings(nowMs) });
                waitMs = wait.ms;
                settings.log((0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .retryLogLine */ .fi)(failure, description, wait, `attempt ${failures} of ${maxAttempts}`));
            }
            throw new Error(failure.description);
        };
        try {
            return await async_retry__WEBPACK_IMPORTED_MODULE_0___default()(attempt, {
                forever: true,
                retries: 1,
                factor: 1,
                minTimeout: 0,
                maxTimeout: 0,
                randomize: false,
            });
        }
        catch (error) {
            throw error instanceof StopRetrying ? error.error : error;
        }
    };
    const waitSettings = (nowMs) => ({
        retryDelayMs: settings.retryDelayMs,
        maxWaitMs: settings.maxWaitMs,
        nowMs,
        random: settings.random,
    });
    const request = async (route, params, options, outer) => {
        const response = await send(route, params, options, outer);
        if (response === 'not-modified') {
            // Only a request with If-None-Match can be answered 304; request() never sends one.
            throw new _github_request_error_js__WEBPACK_IMPORTED_MODULE_8__/* .GitHubRequestError */ .v('GITHUB_UNEXPECTED_304', `GitHub answered 304 (Not Modified) to ${route} without a conditional request.`, 'Report this as a bug in ci-signing.');
        }
        return response;
    };
    return {
        baseUrl,
        get attempts() {
            return counter.count;
        },
        request: (route, params, options = {}) => request(route, params, options, []),
        requestIfChanged: (route, params, etag) => send(route, etag ? { ...params, headers: { ...params.headers, 'if-none-match': etag } } : params, {}, []),
        fork: () => buildClient(octokit, baseUrl, settings, counters),
    };
}
function withAttempts(error, attempts) {
    return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_8__/* .GitHubRequestError */ .v(error.code, error.message, error.fix, {
        status: error.status,
        outcomeUnknown: false,
        attempts,
    });
}
function lookupFailed(error, request, attempts) {
    if (!(error instanceof _github_request_error_js__WEBPACK_IMPORTED_MODULE_8__/* .GitHubRequestError */ .v))
        return error;
    return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_8__/* .GitHubRequestError */ .v(error.code, `${error.message.replace(/\.$/, '')} while checking whether an earlier ${request.method} ${request.path} ` +
        `had been applied.`, error.fix, { status: error.status, outcomeUnknown: true, attempts });
}
function exhausted(failure, request, attempts, outcomeUnknown) {
    return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_8__/* .GitHubRequestError */ .v('GITHUB_RETRIES_EXHAUSTED', `${request.method} ${request.path} still failed after ${attempts} HTTP attempt${attempts === 1 ? '' : 's'}; ` +
        `the last failure: ${failure.description}.`, 'GitHub or the network is having trouble: run the step again later (posting is idempotent, a re-run updates ' +
        'the same check run), or raise retries / retry-delay.', { status: failure.status, outcomeUnknown, attempts });
}
function rateLimitBudgetSpent(failure, request, attempts, waitedMs, askedMs, budgetMs, outcomeUnknown) {
    const waited = (0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_4__/* .formatSeconds */ .Xo)(Math.round(waitedMs / 1000));
    const asked = (0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_4__/* .formatSeconds */ .Xo)(Math.ceil(askedMs / 1000));
    return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_8__/* .GitHubRequestError */ .v('GITHUB_RATE_LIMITED', `${request.method} ${request.path} is still rate limited (${failure.description}) after waiting ${waited}; ` +
        `GitHub asks for ${asked} more, beyond rate-limit-wait ${(0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_4__/* .formatSeconds */ .Xo)(Math.round(budgetMs / 1000))}.`, 'Run the step again later (posting is idempotent), raise rate-limit-wait, or post from fewer jobs at once.', { status: failure.status, outcomeUnknown, attempts });
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}


/***/ }),

/***/ 6845:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ decodeEmbeddedBlock),
/* harmony export */   EW: () => (/* binding */ encodeEmbeddedBlock),
/* harmony export */   Kv: () => (/* binding */ EMBEDDED_BLOCK_VERSION),
/* harmony export */   Yg: () => (/* binding */ DEFAULT_MAX_RESULTS_BYTES)
/* harmony export */ });
/* unused harmony exports EMBEDDED_BLOCK_FORMAT, EMBEDDED_BLOCK_ENCODING */
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4357);
/* harmony import */ var _common_src_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4463);
/* harmony import */ var _common_src_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2349);
/* harmony import */ var _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4592);
// The machine-readable block in a check run's output.text: the exact results bytes (gzip, base64),
// their digest and the detached signature. Format: docs/embedded-block.md.




const EMBEDDED_BLOCK_VERSION = 1;
const EMBEDDED_BLOCK_FORMAT = 'ci-signing/v1';
const EMBEDDED_BLOCK_ENCODING = 'gzip+base64';
/** Decompression stops here (results files are small; this bounds a zip bomb). */
const DEFAULT_MAX_RESULTS_BYTES = _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .LIMITS */ .b1.embeddedBlockDecompressedBytes;
const MARKER = `<!-- ci-signing:v${EMBEDDED_BLOCK_VERSION} -->`;
const FENCE_INFO = `ci-signing-v${EMBEDDED_BLOCK_VERSION}`;
function encodeEmbeddedBlock(input) {
    const json = {
        format: EMBEDDED_BLOCK_FORMAT,
        encoding: EMBEDDED_BLOCK_ENCODING,
        digest: (0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256Digest */ .s)(input.resultsBytes),
        size: input.resultsBytes.byteLength,
        results: (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.gzipSync)(input.resultsBytes, { level: 9 }).toString('base64'),
        signature: input.signature,
    };
    // JSON.stringify escapes the signature's newlines, so the payload is one line inside the fence.
    return `${MARKER}\n\`\`\`${FENCE_INFO}\n${JSON.stringify(json)}\n\`\`\``;
}
function blockError(code, message, fix) {
    return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CiSigningError */ .AO(code, message, fix, 'verification');
}
const REPOST_FIX = 'Post the results again with ci-signing post (a newer run replaces this one).';
function decodeEmbeddedBlock(text, options = {}) {
    const maxResultsBytes = options.maxResultsBytes ?? DEFAULT_MAX_RESULTS_BYTES;
    const markers = [...String(text ?? '').matchAll(/<!-- ci-signing:v([^\s>]*) -->/g)];
    if (markers.length === 0) {
        throw blockError('EMBEDDED_BLOCK_MISSING', 'The check run\'s text holds no ci-signing block (no "<!-- ci-signing:v1 -->" marker).', 'Post the results with ci-signing post (or the post action); a check run written by anything else cannot ' +
            'be verified.');
    }
    if (markers.length > 1) {
        throw blockError('EMBEDDED_BLOCK_AMBIGUOUS', `The check run's text holds ${markers.length} ci-signing blocks; exactly one is allowed.`, REPOST_FIX);
    }
    const marker = markers[0];
    if (marker[1] !== String(EMBEDDED_BLOCK_VERSION)) {
        throw blockError('EMBEDDED_BLOCK_UNSUPPORTED_VERSION', `The check run's ci-signing block is version ` +
            `${/^\d{1,6}$/.test(marker[1]) ? marker[1] : (0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_4__/* .describeShape */ .vJ)(marker[1])}; this verifier reads version ` +
            `${EMBEDDED_BLOCK_VERSION}.`, 'Use the same major version of ci-signing to post and to verify.');
    }
    const after = text.slice((marker.index ?? 0) + marker[0].length);
    const fenced = /^\r?\n```([^\r\n]*)\r?\n([^\r\n]*)\r?\n```/.exec(after);
    if (!fenced || fenced[1].trim() !== FENCE_INFO) {
        throw blockError('EMBEDDED_BLOCK_MALFORMED', `The ci-signing block is malformed: the marker must be followed by a \`\`\`${FENCE_INFO} fence holding ` +
            `one JSON line.`, REPOST_FIX);
    }
    const json = parseBlockJson(fenced[2]);
    if (json.size > maxResultsBytes) {
        throw blockError('EMBEDDED_BLOCK_TOO_LARGE', `The ci-signing block declares ${json.size} bytes of results, over the limit of ${maxResultsBytes}.`, REPOST_FIX);
    }
    let resultsBytes;
    try {
        resultsBytes = (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.gunzipSync)(Buffer.from(json.results, 'base64'), { maxOutputLength: maxResultsBytes });
    }
    catch (error) {
        if (error.code === 'ERR_BUFFER_TOO_LARGE') {
            throw blockError('EMBEDDED_BLOCK_TOO_LARGE', `The ci-signing block's results decompress to more than ${maxResultsBytes} bytes.`, REPOST_FIX);
        }
        throw blockError('EMBEDDED_BLOCK_CORRUPT', `The ci-signing block's results are not valid gzip data (${error.message}).`, REPOST_FIX);
    }
    const digest = (0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256Digest */ .s)(resultsBytes);
    if (resultsBytes.byteLength !== json.size || digest !== json.digest) {
        throw blockError('EMBEDDED_BLOCK_DIGEST_MISMATCH', `The ci-signing block's results (${resultsBytes.byteLength} bytes, ${digest}) do not match its declared ` +
            `${json.size} bytes and ${json.digest}.`, REPOST_FIX);
    }
    return {
        resultsBytes: new Uint8Array(resultsBytes),
        signature: json.signature,
        digest,
        version: EMBEDDED_BLOCK_VERSION,
    };
}
function parseBlockJson(line) {
    let value;
    try {
        value = JSON.parse(line);
    }
    catch {
        throw blockError('EMBEDDED_BLOCK_MALFORMED', 'The ci-signing block is malformed: its payload is not JSON.', REPOST_FIX);
    }
    const malformed = (problem) => blockError('EMBEDDED_BLOCK_MALFORMED', `The ci-signing block is malformed: ${problem}.`, REPOST_FIX);
    if (!value || typeof value !== 'object' || Array.isArray(value))
        throw malformed('its payload is not a JSON object');
    const block = value;
    if (block.format !== EMBEDDED_BLOCK_FORMAT) {
        throw blockError('EMBEDDED_BLOCK_UNSUPPORTED_VERSION', `The ci-signing block's format is ${(0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_4__/* .describeEnumValue */ .cY)(block.format)}; this verifier reads ` +
            `"${EMBEDDED_BLOCK_FORMAT}".`, 'Use the same major version of ci-signing to post and to verify.');
    }
    if (block.encoding !== EMBEDDED_BLOCK_ENCODING) {
        throw blockError('EMBEDDED_BLOCK_UNSUPPORTED_ENCODING', `The ci-signing block's encoding is ${(0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_4__/* .describeEnumValue */ .cY)(block.encoding)}; only ` +
            `"${EMBEDDED_BLOCK_ENCODING}" is defined.`, REPOST_FIX);
    }
    if (typeof block.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(block.digest))
        throw malformed('"digest" must be "sha256:" and 64 lower-case hex digits');
    if (typeof block.size !== 'number' || !Number.isSafeInteger(block.size) || block.size < 0)
        throw malformed('"size" must be a whole number of bytes');
    // Buffer.from(..., 'base64') skips junk silently, so the alphabet is checked first.
    if (typeof block.results !== 'string' ||
        !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(block.results)) {
        throw malformed('"results" must be standard base64');
    }
    if (block.signature !== null && typeof block.signature !== 'string')
        throw malformed('"signature" must be a string or null');
    return block;
}


/***/ }),

/***/ 2139:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ GitHubRequestError)
/* harmony export */ });
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4357);
// The one error type of a GitHub request that failed for good: a cause, a fix, and what callers react to.

/** The error thrown when GitHub refuses a request or retries run out; carries what callers need to react. */
class GitHubRequestError extends _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .CiSigningError */ .AO {
    /** HTTP status of the last answer, when there was one. */
    status;
    /** True when a write may have been applied although no answer said so (timeout, reset, 5xx). */
    outcomeUnknown;
    /** HTTP attempts made for this request. */
    attempts;
    constructor(code, message, fix, details = {}) {
        super(code, message, fix, 'github');
        this.name = 'GitHubRequestError';
        this.status = details.status;
        this.outcomeUnknown = details.outcomeUnknown ?? false;
        this.attempts = details.attempts ?? 1;
    }
}


/***/ }),

/***/ 3195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RG: () => (/* binding */ gitHubMessage),
/* harmony export */   qS: () => (/* binding */ statusText),
/* harmony export */   tG: () => (/* binding */ permanentError)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2310);
/* harmony import */ var _common_src_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2349);
/* harmony import */ var _github_request_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2139);
// The catalogue of answers that retrying cannot change, each with its cause and its fix.




function statusText(status) {
    return `${status} (${node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[status] ?? 'Unknown'})`;
}
/** GitHub's own message from an error body (JSON or text), on one line. */
function gitHubMessage(data) {
    if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') {
        const errors = 'errors' in data && Array.isArray(data.errors) ? data.errors : [];
        const details = errors
            .map((item) => typeof item === 'string'
            ? item
            : item && typeof item === 'object' && 'message' in item
                ? String(item.message)
                : JSON.stringify(item))
            .filter(Boolean);
        // A remote body: no terminal escapes, bounded, and nothing that could be a secret.
        return (0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .quotableText */ .Dm)((0,_errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .safeLine */ .om)(details.length > 0 ? `${data.message}: ${details.join('; ')}` : data.message).slice(0, 300));
    }
    if (typeof data === 'string' && data.trim() && !/^\s*</.test(data))
        return (0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .quotableText */ .Dm)((0,_errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .safeLine */ .om)(data).slice(0, 300));
    return '';
}
/** The cause and the fix for an answer that retrying cannot change. */
function permanentError(status, message, request) {
    const where = `${request.method} ${request.path}`;
    const said = message ? `: "${message}"` : '';
    const writing = request.method !== 'GET';
    const repository = request.repository ?? 'the repository';
    if (status === 401) {
        return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubRequestError */ .v('GITHUB_BAD_TOKEN', `GitHub refused the token (${statusText(status)}${said}) on ${where}.`, 'Pass a valid, unexpired token: in Actions the default `${{ github.token }}`; for the CLI, GitHub App ' +
            'credentials (--app-id, --app-private-key-file) or GITHUB_TOKEN.', { status });
    }
    if (status === 403 && /resource not accessible by integration/i.test(message)) {
        return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubRequestError */ .v('GITHUB_TOKEN_LACKS_CHECKS_PERMISSION', `The token lacks \`checks: ${writing ? 'write' : 'read'}\` on ${repository} (GitHub answered 403 ` +
            `"Resource not accessible by integration" on ${where}).`, writing
            ? 'Add `permissions: checks: write` to the job. Pull requests from forks only get read-only tokens: post ' +
                'from a trusted event (push, or the trusted runner) instead.'
            : 'Add `permissions: checks: read` (and `contents: read`) to the job.', { status });
    }
    if (status === 403 && /must authenticate via a github app/i.test(message)) {
        return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubRequestError */ .v('GITHUB_TOKEN_CANNOT_WRITE_CHECKS', `A personal access token was used on ${where}; GitHub lets only GitHub Apps create check runs ("You must ` +
            `authenticate via a GitHub App").`, 'Use GITHUB_TOKEN in Actions, or GitHub App credentials (--app-id and --app-private-key-file) with the CLI.', { status });
    }
    if (status === 403) {
        return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubRequestError */ .v('GITHUB_FORBIDDEN', `GitHub refused ${where} (${statusText(status)}${said}).`, `Give the token access to ${repository} with \`checks: ${writing ? 'write' : 'read'}\`.`, { status });
    }
    if (status === 404) {
        return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubRequestError */ .v('GITHUB_NOT_FOUND', `GitHub answered 404 (Not Found) on ${where}: ${repository} does not exist or the token cannot see it.`, 'Check the repository name (owner/name) and that the token belongs to that repository (GITHUB_TOKEN only ' +
            'sees its own repository).', { status });
    }
    if (status === 422) {
        return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubRequestError */ .v('GITHUB_VALIDATION_FAILED', `GitHub rejected ${where} as invalid (${statusText(status)}${said}).`, "Check the commit sha exists in the repository and the results respect GitHub's limits; the message above " +
            'names the field.', { status });
    }
    return new _github_request_error_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubRequestError */ .v('GITHUB_REQUEST_REJECTED', `GitHub rejected ${where} (${statusText(status)}${said}).`, 'This is not a temporary failure, so it was not retried; check the repository, the token and the request ' +
        'named above.', { status });
}


/***/ }),

/***/ 5888:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zz: () => (/* binding */ OUTPUT_MAX_BYTES),
  R9: () => (/* binding */ buildCheckRunContent),
  lx: () => (/* binding */ postResults)
});

// EXTERNAL MODULE: ./packages/errors/src/index.ts
var src = __webpack_require__(4357);
// EXTERNAL MODULE: ./packages/results/src/markdown.ts
var markdown = __webpack_require__(7905);
;// CONCATENATED MODULE: ./packages/results/src/render.ts
// Markdown for people: the check-run output of results. Pure functions of their
// input, so the output can be pinned by committed snapshot files. Text from the results file is untrusted
// for formatting purposes and always escaped or fenced.

const MAX_LISTED_FAILURES = 50;
const MAX_FAILURE_NAME = 200;
const MAX_FAILURE_MESSAGE = 1000;
const MAX_FAILURE_MESSAGE_LINES = 20;
const CONCLUSION_ICONS = {
    success: '✅',
    failure: '❌',
    timed_out: '⏱️',
    cancelled: '🚫',
    skipped: '⏭️',
    neutral: '➖',
};
/** The human part of a check run's output: counts, coverage, duration, the signer (or a warning) and failures. */
function renderResultsSummary(results, options) {
    const { passed, failed, skipped } = results.tests;
    const lines = [
        `### ${conclusionIcon(results.conclusion)} ${(0,markdown/* escapeText */.X1)(results.conclusion)}: ${countsText(results)}`,
        '',
        '| Passed | Failed | Skipped | Line coverage | Duration |',
        '| ---: | ---: | ---: | ---: | ---: |',
        (0,markdown/* row */.nM)([
            String(passed),
            String(failed),
            String(skipped),
            results.coverage ? formatPercent(results.coverage.lines) : '—',
            durationText(results),
        ]),
        '',
    ];
    if (options.signed) {
        lines.push(`- **Signed by** OpenPGP key ${(0,markdown/* code */.aY)(options.fingerprint ?? 'unknown')}`);
    }
    else {
        lines.push('> ⚠️ **Unsigned:** nothing proves these results came from a trusted runner; a verifier rejects them ' +
            'unless allow-unsigned is set.', '');
    }
    lines.push(`- **Commit** ${(0,markdown/* code */.aY)(results.commit)} of ${(0,markdown/* code */.aY)(results.repository)}`, `- **Digest** ${(0,markdown/* code */.aY)(options.digest)}`);
    const failures = results.failures ?? [];
    if (failures.length > 0) {
        lines.push('', `### Failures (${failures.length})`);
        failures.slice(0, MAX_LISTED_FAILURES).forEach((failure, index) => {
            const location = failure.file
                ? ` · ${(0,markdown/* code */.aY)(failure.line ? `${failure.file}:${failure.line}` : failure.file)}`
                : '';
            lines.push('', `**${index + 1}. ${(0,markdown/* escapeText */.X1)(truncate(failure.name, MAX_FAILURE_NAME))}**${location}`, '', (0,markdown/* fenced */.OF)(truncateMessage(failure.message)));
        });
        if (failures.length > MAX_LISTED_FAILURES)
            lines.push('', `…and ${failures.length - MAX_LISTED_FAILURES} more failures not shown.`);
    }
    lines.push('');
    return lines.join('\n');
}
/** One line for a check run title, e.g. `✅ 120 passed, 0 failed, 3 skipped · signed by 0123456789ABCDEF`. */
function renderResultsTitle(results, options) {
    const conclusion = results.conclusion === 'success' || results.conclusion === 'failure'
        ? ''
        : `${results.conclusion.replace('_', ' ')} · `;
    const coverage = results.coverage ? ` · ${formatPercent(results.coverage.lines)} line coverage` : '';
    const signer = options.signed ? `signed by ${options.signingKeyId || 'unknown key'}` : 'unsigned';
    return `${conclusionIcon(results.conclusion)} ${conclusion}${countsText(results)}${coverage} · ${signer}`;
}
function conclusionIcon(conclusion) {
    return CONCLUSION_ICONS[conclusion] ?? '❔';
}
function countsText(results) {
    const { passed, failed, skipped } = results.tests;
    return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}
function durationText(results) {
    if (!results.startedAt || !results.completedAt)
        return '—';
    const milliseconds = Date.parse(results.completedAt) - Date.parse(results.startedAt);
    if (!Number.isFinite(milliseconds) || milliseconds < 0)
        return '—';
    return formatDuration(milliseconds);
}
/** `850ms`, `45s`, `2m 13s`, `1h 0m 5s`: whole units, largest first. */
function formatDuration(milliseconds) {
    if (milliseconds < 1000)
        return `${Math.round(milliseconds)}ms`;
    const totalSeconds = Math.round(milliseconds / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    if (hours > 0)
        return `${hours}h ${minutes}m ${seconds}s`;
    if (minutes > 0)
        return `${minutes}m ${seconds}s`;
    return `${seconds}s`;
}
function formatPercent(value) {
    return `${Number(value.toFixed(2))}%`;
}
function truncate(text, limit) {
    const characters = [...text];
    return characters.length > limit ? `${characters.slice(0, limit - 1).join('')}…` : text;
}
function truncateMessage(message) {
    const lines = message.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
    const kept = lines.length > MAX_FAILURE_MESSAGE_LINES ? [...lines.slice(0, MAX_FAILURE_MESSAGE_LINES), '…'] : lines;
    return truncate(kept.join('\n'), MAX_FAILURE_MESSAGE);
}

// EXTERNAL MODULE: ./packages/common/src/digest.ts
var src_digest = __webpack_require__(4463);
// EXTERNAL MODULE: ./packages/common/src/time.ts
var src_time = __webpack_require__(5190);
// EXTERNAL MODULE: ./packages/defaults/src/index.ts
var defaults_src = __webpack_require__(4592);
// EXTERNAL MODULE: ./packages/checks/src/annotations.ts
var annotations = __webpack_require__(7093);
// EXTERNAL MODULE: ./packages/checks/src/embedded-block.ts
var embedded_block = __webpack_require__(6845);
// EXTERNAL MODULE: ./packages/checks/src/runs.ts
var src_runs = __webpack_require__(4861);
// EXTERNAL MODULE: ./packages/common/src/utf8.ts
var utf8 = __webpack_require__(8792);
;// CONCATENATED MODULE: ./packages/checks/src/utf8.ts
// GitHub measures check-run limits in UTF-8 bytes; these helpers cut text without breaking characters.
// The byte and character cutting lives in common (collect uses it too); re-exported for this package's files.


/**
 * Splits markdown into blocks at blank lines that are outside fenced code, so a fence, a table or a
 * paragraph is always one block.
 */
function markdownBlocks(markdown) {
    const blocks = [];
    let current = [];
    let openFence = null;
    for (const line of markdown.split('\n')) {
        const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
        if (openFence === null && fence)
            openFence = fence;
        else if (openFence !== null &&
            fence &&
            fence[0] === openFence[0] &&
            fence.length >= openFence.length &&
            line.trim() === fence)
            openFence = null;
        if (openFence === null && line.trim() === '' && !fence) {
            if (current.length > 0)
                blocks.push(current.join('\n'));
            current = [];
        }
        else {
            current.push(line);
        }
    }
    if (current.length > 0)
        blocks.push(current.join('\n'));
    return blocks;
}
/**
 * Keeps whole markdown blocks while the text fits in `maxBytes`; when blocks are dropped, `omitted(n)`
 * ends the text. A table or a fenced message is never cut in half.
 */
function fitMarkdown(markdown, maxBytes, omitted) {
    if ((0,utf8/* utf8Length */.wI)(markdown) <= maxBytes)
        return markdown;
    const blocks = markdownBlocks(markdown);
    const kept = [];
    let used = 0;
    for (const [index, block] of blocks.entries()) {
        const next = used + (kept.length > 0 ? 2 : 0) + (0,utf8/* utf8Length */.wI)(block);
        const note = 2 + (0,utf8/* utf8Length */.wI)(omitted(blocks.length - index - 1));
        if (next + note > maxBytes)
            break;
        kept.push(block);
        used = next;
    }
    const result = [...kept, omitted(blocks.length - kept.length)].join('\n\n');
    return (0,utf8/* utf8Length */.wI)(result) <= maxBytes ? result : (0,utf8/* truncateUtf8 */.Ck)(result, maxBytes);
}

;// CONCATENATED MODULE: ./packages/checks/src/post-check-run.ts
// Posts results as one check run per (commit, name, digest), whatever the network does.
//
// How duplicates are avoided:
// - the run's external_id is the results digest; before creating, the commit's runs of that name are
//   listed and a run with the same external_id is updated instead;
// - when a create attempt's outcome is unknown (timeout, reset, 5xx), the client's retry loop looks the
//   run up again before re-sending the create (RequestOptions.reconcile);
// - GitHub appends annotations on every update, so the run's annotations_count says how many were
//   applied: batches resume from that count, and a batch whose update's outcome is unknown is re-sent
//   only if the count shows it was not applied.








/** GitHub's limits on output.summary and output.text, in UTF-8 bytes. */
const OUTPUT_MAX_BYTES = 65535;
const TITLE_MAX_CHARS = 1000;
const DEFAULT_ANNOTATION_PATH = 'ci-results.json';
/** Builds the run's output within GitHub's limits, or refuses before any request. */
function buildCheckRunContent(input) {
    const digest = (0,src_digest/* sha256Digest */.s)(input.resultsBytes);
    const signed = input.signature !== null;
    const block = (0,embedded_block/* encodeEmbeddedBlock */.EW)({ resultsBytes: input.resultsBytes, signature: input.signature });
    const blockBytes = (0,utf8/* utf8Length */.wI)(block);
    if (blockBytes > OUTPUT_MAX_BYTES) {
        throw new src/* CiSigningError */.AO('RESULTS_TOO_LARGE', `The signed results take ${blockBytes} bytes in the check run's text once compressed, over GitHub's limit ` +
            `of ${OUTPUT_MAX_BYTES} bytes; nothing was posted.`, 'Make the results file smaller: shorten failure messages (keep the first lines of each) or drop large ' +
            'free-form properties such as run, then sign and post again.');
    }
    const title = (0,utf8/* truncateChars */.UT)(renderResultsTitle(input.results, { signingKeyId: input.signingKeyId, signed }).replace(/\s+/g, ' ').trim(), TITLE_MAX_CHARS);
    const summary = fitMarkdown(renderResultsSummary(input.results, { fingerprint: input.signerFingerprint, signed, digest }), OUTPUT_MAX_BYTES, (count) => `_…${count} more part${count === 1 ? '' : 's'} of this summary cut: GitHub limits it to ` +
        `${OUTPUT_MAX_BYTES} bytes. Every failure is an annotation._`);
    const note = [
        '### About the block above',
        '',
        'It is the exact results file (gzip, base64), its sha256 digest and its OpenPGP detached signature, as ' +
            'posted by ci-signing. ' +
            'The verify action (or `ci-signing verify`) reads it back and checks the signature against the trusted ' +
            'keys; the human-readable parts of this check run are not trusted.',
    ].join('\n');
    const room = OUTPUT_MAX_BYTES - blockBytes - 2;
    const text = room >= (0,utf8/* utf8Length */.wI)(note) ? `${block}\n\n${note}` : block;
    return {
        title,
        summary,
        text,
        annotations: (0,annotations/* failuresToAnnotations */.B)(input.results.failures, input.annotationPath ?? DEFAULT_ANNOTATION_PATH),
        digest,
    };
}
async function postResults(input) {
    const checkName = input.checkName ?? defaults_src/* DEFAULTS */.zY['check-name'];
    const { owner, repo } = (0,src_runs/* parseRepository */.SU)(input.repository);
    if (input.results.repository.toLowerCase() !== input.repository.toLowerCase()) {
        throw new src/* CiSigningError */.AO('REPOSITORY_MISMATCH', `The results are for ${input.results.repository} but were to be posted to ${input.repository}.`, 'Post to the repository named in the results file (the verifier would reject them anywhere else).');
    }
    const content = buildCheckRunContent(input);
    const sha = input.results.commit;
    const client = input.client.fork();
    const completedAt = (0,src_time/* isoSeconds */.n)(new Date());
    const startedAt = validTimestamp(input.results.startedAt);
    const runFields = {
        status: 'completed',
        conclusion: input.results.conclusion,
        completed_at: completedAt,
        external_id: content.digest,
        ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
        ...(startedAt ? { started_at: startedAt } : {}),
    };
    const output = (annotations) => ({
        title: content.title,
        summary: content.summary,
        text: content.text,
        ...(annotations.length > 0 ? { annotations } : {}),
    });
    const findExisting = (get) => findRunByExternalId(get, { owner, repo, sha, checkName, externalId: content.digest });
    const existing = await findExisting((route, params) => client.request(route, params));
    let run;
    let created = false;
    let applied;
    if (existing) {
        run = existing;
        applied = run.output?.annotations_count ?? 0;
        input.log(`Updating check run ${checkName} #${run.id} on ${sha} (same results already posted; ${applied} of ` +
            `${content.annotations.length} annotations present).`);
        if (applied >= content.annotations.length) {
            // Nothing left to append: refresh the run (updates are idempotent without annotations).
            run = (await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
                owner,
                repo,
                check_run_id: run.id,
                ...runFields,
                output: output([]),
            })).data;
        }
    }
    else {
        const firstBatch = content.annotations.slice(0, annotations/* ANNOTATIONS_PER_REQUEST */.j);
        let foundAfterLostAnswer = false;
        const response = await client.request('POST /repos/{owner}/{repo}/check-runs', { owner, repo, name: checkName, head_sha: sha, ...runFields, output: output(firstBatch) }, {
            reconcile: async (lookup) => {
                const found = await findExisting(lookup);
                if (!found)
                    return undefined;
                foundAfterLostAnswer = true;
                input.log(`Check run #${found.id} was created although GitHub's answer was lost; continuing with it.`);
                return asResponse(found);
            },
        });
        run = response.data;
        created = true;
        // A run found by reconcile says itself how many annotations it got.
        applied = foundAfterLostAnswer ? (run.output?.annotations_count ?? 0) : firstBatch.length;
        input.log(`Created check run ${checkName} #${run.id} on ${sha}.`);
    }
    while (applied < content.annotations.length) {
        const batch = content.annotations.slice(applied, applied + annotations/* ANNOTATIONS_PER_REQUEST */.j);
        const before = applied;
        let reconciledCount;
        const runId = run.id;
        const response = await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner, repo, check_run_id: runId, ...runFields, output: output(batch) }, {
            reconcile: async (lookup) => {
                const current = (await lookup('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', {
                    owner,
                    repo,
                    check_run_id: runId,
                })).data;
                const count = current.output?.annotations_count ?? 0;
                if (count <= before)
                    return undefined;
                reconciledCount = count;
                return asResponse(current);
            },
        });
        run = response.data;
        applied = reconciledCount ?? before + batch.length;
    }
    if (content.annotations.length > annotations/* ANNOTATIONS_PER_REQUEST */.j)
        input.log(`Added ${content.annotations.length} annotations to check run #${run.id}.`);
    return {
        checkRunId: run.id,
        htmlUrl: run.html_url ?? '',
        attempts: client.attempts,
        signed: input.signature !== null,
        created,
    };
}
/** The run of this commit with this name and external_id, the newest if several. */
async function findRunByExternalId(get, query) {
    const runs = await (0,src_runs/* listCheckRunsForRef */.Xz)(get, {
        owner: query.owner,
        repo: query.repo,
        ref: query.sha,
        checkName: query.checkName,
    });
    const matches = runs.filter((run) => run.external_id === query.externalId && run.name === query.checkName);
    return matches.sort((a, b) => b.id - a.id)[0] ?? null;
}
function asResponse(run) {
    return { status: 200, url: '', headers: {}, data: run };
}
/** YYYY-MM-DDTHH:MM:SSZ, the form GitHub documents, or undefined. */
function validTimestamp(value) {
    if (typeof value !== 'string')
        return undefined;
    const time = Date.parse(value);
    return Number.isFinite(time) ? (0,src_time/* isoSeconds */.n)(time) : undefined;
}


/***/ }),

/***/ 8660:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RR: () => (/* binding */ computeWait),
/* harmony export */   XE: () => (/* binding */ classifyFailure),
/* harmony export */   _N: () => (/* binding */ timeoutFailure),
/* harmony export */   fi: () => (/* binding */ retryLogLine),
/* harmony export */   qB: () => (/* binding */ SECONDARY_RATE_LIMIT_MIN_WAIT_MS)
/* harmony export */ });
/* unused harmony exports headerValue, rateLimitKind, seconds */
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2310);
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3195);
// What to do with a failed GitHub request: retry (and how long to wait) or stop with a cause and a fix.
// Pure functions, so the policy is tested without a network.


// Network errors whose request never reached GitHub: a retry cannot duplicate anything.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
/** GitHub's docs: a secondary rate limit without retry-after means waiting at least a minute. */
const SECONDARY_RATE_LIMIT_MIN_WAIT_MS = 60_000;
function headerValue(headers, name) {
    const value = headers?.[name];
    return value === undefined ? undefined : String(value);
}
/** Which rate limit an answer reports, if any. */
function rateLimitKind(status, headers, message) {
    if (status !== 429 && status !== 403)
        return undefined;
    if (/secondary rate limit/i.test(message))
        return 'secondary';
    if (headerValue(headers, 'x-ratelimit-remaining') === '0')
        return 'primary';
    if (/rate limit/i.test(message))
        return 'primary';
    // A 429 is a rate limit whatever it says; GitHub uses it for secondary limits.
    return status === 429 ? 'secondary' : undefined;
}
/** The innermost error code of a network failure (undici nests them in `cause`). */
function networkCode(error) {
    let current = error;
    let code;
    let message = error instanceof Error ? error.message : String(error);
    for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
        const candidate = current;
        if (typeof candidate.code === 'string')
            code = candidate.code;
        if (typeof candidate.message === 'string' && candidate.message)
            message = candidate.message;
        current = candidate.cause;
    }
    return { code, message };
}
/** Our own per-attempt timeout fired: GitHub may have applied the request. */
function timeoutFailure(timeoutMs) {
    return { outcomeUnknown: true, description: `GitHub did not answer within ${seconds(timeoutMs)} s` };
}
/**
 * Classifies one failed attempt.
 * @param timedOut the attempt was aborted by our own per-attempt timeout
 */
function classifyFailure(error, request, options) {
    if (options.timedOut)
        return timeoutFailure(options.timeoutMs);
    const httpError = error;
    const response = httpError?.response;
    if (!response) {
        const { code, message } = networkCode(error);
        const reason = code && !message.includes(code) ? `${code}: ${message}` : message;
        return {
            outcomeUnknown: !(code && NOT_SENT_CODES.has(code)),
            description: `The connection to GitHub failed (${(0,_errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLine */ .om)(reason).replace(/\/\/[^/@\s]*@/g, '//')})`,
        };
    }
    const { status, headers, data } = response;
    const message = (0,_http_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .gitHubMessage */ .RG)(data);
    if (status >= 500 || status === 408) {
        return { outcomeUnknown: true, description: `GitHub answered ${(0,_http_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .statusText */ .qS)(status)}`, status, headers };
    }
    const rateLimit = rateLimitKind(status, headers, message);
    if (rateLimit) {
        return {
            outcomeUnknown: false,
            rateLimit,
            description: `GitHub answered ${(0,_http_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .statusText */ .qS)(status)}${message ? ` "${message}"` : ''}`,
            status,
            headers,
        };
    }
    return {
        outcomeUnknown: false,
        description: `GitHub answered ${(0,_http_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .statusText */ .qS)(status)}`,
        status,
        headers,
        permanent: (0,_http_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .permanentError */ .tG)(status, message, request),
    };
}
/**
 * retry-after, else x-ratelimit-reset when the budget is spent, else (secondary limit) a minute doubling,
 * else exponential backoff. Failure waits are capped at maxWaitMs; rate-limit waits are what GitHub asks.
 */
function computeWait(input) {
    const cap = (ms) => Math.max(0, input.rateLimit ? ms : Math.min(ms, input.maxWaitMs));
    const retryAfter = parseRetryAfter(headerValue(input.headers, 'retry-after'), input.nowMs);
    if (retryAfter !== undefined)
        return { ms: cap(retryAfter), reason: 'retry-after' };
    const remaining = headerValue(input.headers, 'x-ratelimit-remaining');
    const reset = Number(headerValue(input.headers, 'x-ratelimit-reset'));
    // GitHub sends x-ratelimit-reset on every answer; it only matters once the budget is spent.
    if (remaining === '0' && Number.isFinite(reset) && reset > 0) {
        // One second past the reset, as octokit's throttling does: the reset second itself may still refuse.
        return { ms: cap(reset * 1000 - input.nowMs + (input.rateLimit ? 1000 : 0)), reason: 'rate-limit-reset' };
    }
    if (input.rateLimit) {
        return { ms: SECONDARY_RATE_LIMIT_MIN_WAIT_MS * 2 ** (input.attempt - 1), reason: 'secondary-rate-limit' };
    }
    const backoff = input.retryDelayMs * 2 ** (input.attempt - 1);
    const jitter = backoff * 0.1 * input.random();
    return { ms: cap(Math.round(backoff + jitter)), reason: 'backoff' };
}
function parseRetryAfter(value, nowMs) {
    if (value === undefined || value.trim() === '')
        return undefined;
    if (/^\s*\d+(\.\d+)?\s*$/.test(value))
        return Number(value) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : date - nowMs;
}
function seconds(ms) {
    return (ms / 1000).toFixed(1);
}
const BECAUSE = {
    'retry-after': ' as retry-after asks',
    'rate-limit-reset': ' until the rate limit resets',
    'secondary-rate-limit': ' (a secondary rate limit without retry-after: at least a minute)',
    backoff: '',
};
/**
 * "retrying in 4.0 s (attempt 2 of 4)" for a failure; for a rate limit the budget left instead of a count:
 * "retrying in 60.0 s (...; 9m 0s of rate-limit-wait left)".
 */
function retryLogLine(failure, request, wait, progress) {
    return (`${failure.description} on ${request.method} ${request.path}; retrying in ${seconds(wait.ms)} ` +
        `s${BECAUSE[wait.reason]} (${progress})`);
}


/***/ }),

/***/ 4861:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   Xz: () => (/* binding */ listCheckRunsForRef),
/* harmony export */   os: () => (/* binding */ readAllCheckRuns),
/* harmony export */   zd: () => (/* binding */ readCheckRuns)
/* harmony export */ });
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4357);
// Reading check runs back: one paginated listing of the commit's runs serves every name.

const PER_PAGE = 100;
// GitHub keeps at most 1000 check suites per ref; this only stops a server that never ends its pages.
const MAX_PAGES = 1000;
function parseRepository(repository) {
    const match = /^([A-Za-z0-9-_.]+)\/([A-Za-z0-9-_.]+)$/.exec(String(repository ?? '').trim());
    if (!match) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .CiSigningError */ .AO('REPOSITORY_INVALID', `"${repository}" is not a repository name of the form owner/name.`, 'Give the repository as owner/name, e.g. octo-org/octo-repo.');
    }
    return { owner: match[1], repo: match[2] };
}
/** Every check run of `ref` (optionally of one name), following pagination, each run once. */
async function listCheckRunsForRef(get, query) {
    const byId = new Map();
    for (let page = 1; page <= MAX_PAGES; page++) {
        const response = await get('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
            owner: query.owner,
            repo: query.repo,
            ref: query.ref,
            ...(query.checkName !== undefined ? { check_name: query.checkName } : {}),
            filter: 'all',
            per_page: PER_PAGE,
            page,
        });
        const runs = response.data.check_runs ?? [];
        // Runs created while paging shift the pages; the same run may come twice.
        for (const run of runs)
            byId.set(run.id, run);
        const link = String(response.headers.link ?? '');
        const more = link
            ? /rel="next"/.test(link)
            : runs.length === PER_PAGE && page * PER_PAGE < (response.data.total_count ?? 0);
        if (!more || runs.length === 0)
            break;
    }
    return [...byId.values()];
}
/**
 * Every check run of `sha` (all names, whatever their status), with output.text. With `etag`, the first page
 * is a conditional request: 'not-modified' when GitHub answers 304, which does not count against the primary
 * rate limit. The listing is newest first, so a new run or a change to a recent one changes the first page.
 */
async function readAllCheckRuns(input) {
    const { owner, repo } = parseRepository(input.repository);
    let etag;
    let first = true;
    const get = async (route, params) => {
        if (!first)
            return input.client.request(route, params);
        first = false;
        const response = await input.client.requestIfChanged(route, params ?? {}, input.etag);
        if (response === 'not-modified')
            throw NOT_MODIFIED;
        etag = typeof response.headers.etag === 'string' ? response.headers.etag : undefined;
        return response;
    };
    let runs;
    try {
        runs = await listCheckRunsForRef(get, { owner, repo, ref: input.sha });
    }
    catch (error) {
        if (error === NOT_MODIFIED)
            return 'not-modified';
        throw error;
    }
    const records = [];
    for (const run of runs) {
        let text = run.output?.text;
        if (text === undefined) {
            // GitHub's listing carries output.text; fetch the run only if a server left it out.
            const full = await input.client.request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', {
                owner,
                repo,
                check_run_id: run.id,
            });
            text = full.data.output?.text;
        }
        records.push(toRecord(run, text ?? null));
    }
    return { runs: records, etag };
}
/** Ends a listing whose first page was not modified; never leaves this module. */
const NOT_MODIFIED = Symbol('not-modified');
function toRecord(run, text) {
    return {
        id: run.id,
        name: run.name,
        htmlUrl: run.html_url ?? null,
        completedAt: run.completed_at,
        status: run.status,
        conclusion: run.conclusion,
        headSha: run.head_sha,
        text,
    };
}
/**
 * Every run of each name on `sha`, whatever its status (an empty list when none). Which run decides is the
 * verifier's choice (by signature time), never the run's metadata.
 */
async function readCheckRuns(input) {
    const listing = await readAllCheckRuns({ client: input.client, repository: input.repository, sha: input.sha });
    const runs = listing === 'not-modified' ? [] : listing.runs;
    return new Map(input.checkNames.map((name) => [name, runs.filter((run) => run.name === name)]));
}


/***/ }),

/***/ 8792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ truncateUtf8),
/* harmony export */   GL: () => (/* binding */ truncateUtf8WithMarker),
/* harmony export */   UT: () => (/* binding */ truncateChars),
/* harmony export */   wI: () => (/* binding */ utf8Length)
/* harmony export */ });
// Cutting text to a byte or code-unit limit without breaking a character: GitHub's check-run limits, and the
// names and messages collect takes from reports.
function utf8Length(text) {
    return Buffer.byteLength(text, 'utf8');
}
/** The longest prefix of `text` that fits in `maxBytes`, never splitting a character. */
function truncateUtf8(text, maxBytes) {
    if (maxBytes <= 0)
        return '';
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length <= maxBytes)
        return text;
    let end = maxBytes;
    // Step back over continuation bytes (10xxxxxx) to the start of the character that would be split.
    while (end > 0 && (bytes[end] & 0xc0) === 0x80)
        end--;
    return bytes.subarray(0, end).toString('utf8');
}
/** Truncates to `maxBytes`, ending with `marker` when something was cut. */
function truncateUtf8WithMarker(text, maxBytes, marker = '…') {
    if (utf8Length(text) <= maxBytes)
        return text;
    return truncateUtf8(text, maxBytes - utf8Length(marker)) + marker;
}
/** Truncates to at most `maxUnits` UTF-16 code units without splitting a surrogate pair. */
function truncateChars(text, maxUnits, marker = '…') {
    if (text.length <= maxUnits)
        return text;
    let end = maxUnits - marker.length;
    if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]))
        end--;
    return text.slice(0, Math.max(0, end)) + marker;
}


/***/ })

};
