export const id = 27;
export const ids = [27];
export const modules = {

/***/ 6027:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   helpFor: () => (/* binding */ helpFor),
/* harmony export */   mainHelp: () => (/* binding */ mainHelp)
/* harmony export */ });
/* harmony import */ var _flags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7733);

function mainHelp() {
    const lines = ['Usage: ci-signing <command> [flags]', '', 'Commands:'];
    for (const [name, command] of Object.entries(_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMANDS */ .L))
        lines.push(`  ${name.padEnd(8)} ${command.summary}`);
    lines.push('', 'Run ci-signing <command> --help for its flags.', 'Exit codes: 0 ok, 1 operation or verification failed, 2 usage error.', '');
    return lines.join('\n');
}
function helpFor(name) {
    const command = _flags_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMANDS */ .L[name];
    const usage = 'positionals' in command && command.positionals ? ' -- COMMAND [ARGS...]' : '';
    const lines = [`Usage: ci-signing ${name} [flags]${usage}`, '', command.summary, '', 'Flags:'];
    for (const [flag, spec] of Object.entries(command.options)) {
        const left = `--${flag}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
        lines.push(`  ${left.padEnd(32)} ${spec.description}`);
    }
    lines.push('', 'Exit codes: 0 ok, 1 operation or verification failed, 2 usage error.', '');
    return lines.join('\n');
}


/***/ })

};
