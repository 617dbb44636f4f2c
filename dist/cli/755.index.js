export const id = 755;
export const ids = [755];
export const modules = {

/***/ 9755:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ANNOTATIONS_PER_REQUEST: () => (/* reexport */ annotations/* ANNOTATIONS_PER_REQUEST */.j),
  DEFAULT_MAX_RESULTS_BYTES: () => (/* reexport */ embedded_block/* DEFAULT_MAX_RESULTS_BYTES */.Yg),
  EMBEDDED_BLOCK_VERSION: () => (/* reexport */ embedded_block/* EMBEDDED_BLOCK_VERSION */.Kv),
  GitHubRequestError: () => (/* reexport */ github_request_error/* GitHubRequestError */.v),
  OUTPUT_MAX_BYTES: () => (/* reexport */ post_check_run/* OUTPUT_MAX_BYTES */.zz),
  SECONDARY_RATE_LIMIT_MIN_WAIT_MS: () => (/* reexport */ retry_policy/* SECONDARY_RATE_LIMIT_MIN_WAIT_MS */.qB),
  buildCheckRunContent: () => (/* reexport */ post_check_run/* buildCheckRunContent */.R9),
  classifyFailure: () => (/* reexport */ retry_policy/* classifyFailure */.XE),
  computeWait: () => (/* reexport */ retry_policy/* computeWait */.RR),
  createAppInstallationToken: () => (/* reexport */ createAppInstallationToken),
  createAppJwt: () => (/* reexport */ createAppJwt),
  createGitHubClient: () => (/* reexport */ src_client/* createGitHubClient */.L),
  decodeEmbeddedBlock: () => (/* reexport */ embedded_block/* decodeEmbeddedBlock */.As),
  encodeEmbeddedBlock: () => (/* reexport */ embedded_block/* encodeEmbeddedBlock */.EW),
  failuresToAnnotations: () => (/* reexport */ annotations/* failuresToAnnotations */.B),
  listCheckRunsForRef: () => (/* reexport */ runs/* listCheckRunsForRef */.Xz),
  parseRepository: () => (/* reexport */ runs/* parseRepository */.SU),
  permanentError: () => (/* reexport */ http_errors/* permanentError */.tG),
  postResults: () => (/* reexport */ post_check_run/* postResults */.lx),
  readAllCheckRuns: () => (/* reexport */ runs/* readAllCheckRuns */.os),
  readCheckRuns: () => (/* reexport */ runs/* readCheckRuns */.zd)
});

// EXTERNAL MODULE: ./packages/checks/src/client.ts
var src_client = __webpack_require__(5924);
// EXTERNAL MODULE: ./packages/checks/src/github-request-error.ts
var github_request_error = __webpack_require__(2139);
// EXTERNAL MODULE: ./packages/checks/src/http-errors.ts
var http_errors = __webpack_require__(3195);
// EXTERNAL MODULE: ./packages/checks/src/retry-policy.ts
var retry_policy = __webpack_require__(8660);
// EXTERNAL MODULE: ./packages/checks/src/embedded-block.ts
var embedded_block = __webpack_require__(6845);
// EXTERNAL MODULE: ./packages/checks/src/post-check-run.ts + 2 modules
var post_check_run = __webpack_require__(5888);
// EXTERNAL MODULE: ./packages/checks/src/runs.ts
var runs = __webpack_require__(4861);
// EXTERNAL MODULE: ./packages/checks/src/annotations.ts
var annotations = __webpack_require__(7093);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./packages/errors/src/index.ts
var src = __webpack_require__(4357);
;// CONCATENATED MODULE: ./packages/checks/src/app-token.ts
// GitHub App credentials for the CLI: personal access tokens cannot create check runs, apps can.





/** An RS256 JWT GitHub accepts as the app itself: valid from a minute ago (clock skew) for nine minutes. */
function createAppJwt(appId, privateKeyPem, nowMs = Date.now()) {
    const key = readAppKey(privateKeyPem);
    const now = Math.floor(nowMs / 1000);
    const header = base64Url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
    const payload = base64Url(JSON.stringify({ iat: now - 60, exp: now + 540, iss: String(appId) }));
    const signature = (0,external_node_crypto_.sign)('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
    return `${header}.${payload}.${signature}`;
}
function readAppKey(privateKeyPem) {
    let key;
    try {
        key = (0,external_node_crypto_.createPrivateKey)(privateKeyPem);
    }
    catch {
        // The key's text never goes into the message.
        throw new src/* CiSigningError */.AO('APP_KEY_UNREADABLE', 'The GitHub App private key is not a readable PEM private key.', 'Give the .pem file downloaded from the GitHub App settings (--app-private-key-file).');
    }
    if (key.asymmetricKeyType !== 'rsa') {
        throw new src/* CiSigningError */.AO('APP_KEY_UNREADABLE', `The GitHub App private key is ${key.asymmetricKeyType}, not RSA.`, 'Give the RSA .pem file downloaded from the GitHub App settings.');
    }
    return key;
}
function base64Url(text) {
    return Buffer.from(text).toString('base64url');
}
/**
 * An installation token for one repository, limited to `checks: write`: finds the app's installation
 * on the repository, then asks for a token.
 */
async function createAppInstallationToken(input) {
    const { owner, repo } = (0,runs/* parseRepository */.SU)(input.repository);
    const client = (0,src_client/* createGitHubClient */.L)({
        token: createAppJwt(input.appId, input.privateKeyPem),
        baseUrl: input.baseUrl,
        retries: input.retries,
        retryDelayMs: input.retryDelayMs,
        requestTimeoutMs: input.requestTimeoutMs,
        log: input.log ?? (() => { }),
    });
    let installationId;
    try {
        installationId = (await client.request('GET /repos/{owner}/{repo}/installation', { owner, repo }))
            .data.id;
    }
    catch (error) {
        if (error instanceof github_request_error/* GitHubRequestError */.v && error.status === 404) {
            throw new src/* CiSigningError */.AO('APP_NOT_INSTALLED', `GitHub App ${input.appId} is not installed on ${owner}/${repo}.`, 'Install the app on the repository (with the Checks: write permission), or check --app-id.', 'github');
        }
        if (error instanceof github_request_error/* GitHubRequestError */.v && error.status === 401) {
            throw new src/* CiSigningError */.AO('APP_CREDENTIALS_REJECTED', `GitHub rejected the app credentials for app ${input.appId} (401).`, 'Check --app-id and that --app-private-key-file is a current key of that app; a machine clock more than ' +
                'a minute off also makes the token invalid.', 'github');
        }
        throw error;
    }
    const response = await client.request('POST /app/installations/{installation_id}/access_tokens', {
        installation_id: installationId,
        repositories: [repo],
        permissions: { checks: 'write' },
    });
    return response.data.token;
}

;// CONCATENATED MODULE: ./packages/checks/src/index.ts











/***/ })

};
