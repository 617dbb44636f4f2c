export const id = 27;
export const ids = [27];
export const modules = {

/***/ 27:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ANNOTATIONS_PER_REQUEST: () => (/* reexport safe */ _annotations_js__WEBPACK_IMPORTED_MODULE_7__.j),
/* harmony export */   DEFAULT_MAX_RESULTS_BYTES: () => (/* reexport safe */ _embedded_block_js__WEBPACK_IMPORTED_MODULE_4__.Yg),
/* harmony export */   EMBEDDED_BLOCK_VERSION: () => (/* reexport safe */ _embedded_block_js__WEBPACK_IMPORTED_MODULE_4__.Kv),
/* harmony export */   GitHubRequestError: () => (/* reexport safe */ _github_request_error_js__WEBPACK_IMPORTED_MODULE_1__.v),
/* harmony export */   OUTPUT_MAX_BYTES: () => (/* reexport safe */ _post_check_run_js__WEBPACK_IMPORTED_MODULE_5__.zz),
/* harmony export */   SECONDARY_RATE_LIMIT_MIN_WAIT_MS: () => (/* reexport safe */ _retry_policy_js__WEBPACK_IMPORTED_MODULE_3__.qB),
/* harmony export */   buildCheckRunContent: () => (/* reexport safe */ _post_check_run_js__WEBPACK_IMPORTED_MODULE_5__.R9),
/* harmony export */   classifyFailure: () => (/* reexport safe */ _retry_policy_js__WEBPACK_IMPORTED_MODULE_3__.XE),
/* harmony export */   computeWait: () => (/* reexport safe */ _retry_policy_js__WEBPACK_IMPORTED_MODULE_3__.RR),
/* harmony export */   createAppInstallationToken: () => (/* reexport safe */ _app_token_js__WEBPACK_IMPORTED_MODULE_8__.J),
/* harmony export */   createAppJwt: () => (/* reexport safe */ _app_token_js__WEBPACK_IMPORTED_MODULE_8__.X),
/* harmony export */   createGitHubClient: () => (/* reexport safe */ _client_js__WEBPACK_IMPORTED_MODULE_0__.L),
/* harmony export */   decodeEmbeddedBlock: () => (/* reexport safe */ _embedded_block_js__WEBPACK_IMPORTED_MODULE_4__.As),
/* harmony export */   encodeEmbeddedBlock: () => (/* reexport safe */ _embedded_block_js__WEBPACK_IMPORTED_MODULE_4__.EW),
/* harmony export */   failuresToAnnotations: () => (/* reexport safe */ _annotations_js__WEBPACK_IMPORTED_MODULE_7__.B),
/* harmony export */   listCheckRunsForRef: () => (/* reexport safe */ _runs_js__WEBPACK_IMPORTED_MODULE_6__.Xz),
/* harmony export */   parseRepository: () => (/* reexport safe */ _runs_js__WEBPACK_IMPORTED_MODULE_6__.SU),
/* harmony export */   permanentError: () => (/* reexport safe */ _http_errors_js__WEBPACK_IMPORTED_MODULE_2__.tG),
/* harmony export */   postResults: () => (/* reexport safe */ _post_check_run_js__WEBPACK_IMPORTED_MODULE_5__.lx),
/* harmony export */   readAllCheckRuns: () => (/* reexport safe */ _runs_js__WEBPACK_IMPORTED_MODULE_6__.os),
/* harmony export */   readCheckRuns: () => (/* reexport safe */ _runs_js__WEBPACK_IMPORTED_MODULE_6__.zd)
/* harmony export */ });
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5924);
/* harmony import */ var _github_request_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2139);
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3195);
/* harmony import */ var _retry_policy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8660);
/* harmony import */ var _embedded_block_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6845);
/* harmony import */ var _post_check_run_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5888);
/* harmony import */ var _runs_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4861);
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7093);
/* harmony import */ var _app_token_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(1316);











/***/ })

};
