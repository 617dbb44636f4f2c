export const id = 580;
export const ids = [580];
export const modules = {

/***/ 1580:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  collectResultsFile: () => (/* reexport */ collectResultsFile),
  postResultsFile: () => (/* reexport */ postResultsFile),
  runAndCollect: () => (/* reexport */ runAndCollect)
});

// UNUSED EXPORTS: SIGNATURE_FILE, TRUSTED_KEY_FILE, apiUrl, defaultSha, eventContext, maskSecret, secretFile, signResultsFile, verifySignedResults

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/errors/src/index.ts
var src = __webpack_require__(4357);
// EXTERNAL MODULE: ./packages/common/src/files.ts
var files = __webpack_require__(6416);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./packages/results/src/parse.ts + 2 modules
var parse = __webpack_require__(4415);
;// CONCATENATED MODULE: ./packages/collect/src/errors.ts
// Refusals of collect: kind 'input', one line naming the file, and a fix.

const FORMATS_FIX = 'Point the pattern at JUnit XML, lcov, Cobertura XML, JaCoCo XML, Istanbul coverage-summary.json, ' +
    'coverage.py\'s coverage json or a Go coverprofile (see docs/results-format.md, "From your test reports").';
function refuse(code, message, fix) {
    return new src/* CiSigningError */.AO(code, message, fix, 'input');
}

// EXTERNAL MODULE: ./node_modules/saxes/saxes.js
var saxes = __webpack_require__(9800);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./packages/collect/src/read.ts
// Streams a report as text so that a 100 MB file is never held whole in memory.

const CHUNK_BYTES = 1024 * 1024;
async function* readChunks(path) {
    const stream = (0,external_node_fs_.createReadStream)(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
    for await (const chunk of stream)
        yield chunk;
}
/** Calls onLine for each line (without its line ending) with its 1-based number; synchronous per chunk. */
async function forEachLine(path, onLine) {
    let carry = '';
    let number = 0;
    for await (const chunk of readChunks(path)) {
        const text = carry + chunk;
        let start = 0;
        let end = text.indexOf('\n');
        while (end >= 0) {
            onLine(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end), ++number);
            start = end + 1;
            end = text.indexOf('\n', start);
        }
        carry = text.slice(start);
    }
    if (carry)
        onLine(carry.endsWith('\r') ? carry.slice(0, -1) : carry, number + 1);
}

;// CONCATENATED MODULE: ./packages/collect/src/xml.ts
// Safe streaming XML with saxes (strict XML 1.0; only the five predefined entities; DTDs are not processed).
// A DOCTYPE with an internal subset (where entities are declared) is refused; an external DTD is never fetched.



/** Parses a file with the handlers; malformed XML and DTDs become one-line refusals naming `display`. */
async function parseXmlFile(path, display, handlers) {
    // XML 1.1 accepts character references to control characters (&#27;), which Surefire and others write.
    const parser = new saxes/* SaxesParser */.wT({ xmlns: false, position: true, defaultXMLVersion: '1.1', forceXMLVersion: true });
    let failure = null;
    parser.on('error', (error) => {
        failure ??= { reason: reason(error), line: parser.line };
    });
    parser.on('doctype', (doctype) => {
        if (!doctype.includes('['))
            return;
        throw refuse('REPORT_DTD', `${display} declares a DOCTYPE with an internal subset; DTDs and entity declarations are refused, not expanded.`, 'Write the report without a DOCTYPE (no test reporter needs one).');
    });
    parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes));
    parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
    if (handlers.text) {
        parser.on('text', handlers.text);
        parser.on('cdata', handlers.text);
    }
    for await (const chunk of readChunks(path)) {
        parser.write(chunk.replace(RAW_CONTROLS, shelter));
        if (failure)
            break;
    }
    if (!failure)
        parser.close();
    if (failure) {
        const { reason, line } = failure;
        throw refuse('REPORT_MALFORMED', `${display} is not well-formed XML (${reason} at line ${line}); it may be truncated.`, 'Check that the test step finished writing the report (a crash can cut it short), then run again.');
    }
}
// Some reporters write raw terminal escapes, which no XML allows; they are moved into the private use area
// (U+E000 + code) and taken out again by sanitize.ts, so that they are stripped as escapes, not shown as text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const shelter = (char) => String.fromCharCode(0xe000 + char.charCodeAt(0));
function localName(name) {
    const colon = name.indexOf(':');
    return colon >= 0 ? name.slice(colon + 1) : name;
}
/** saxes's wording without its "file:line:column:" prefix; cut at a colon, after which it may quote the document. */
function reason(error) {
    const text = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').split('\n')[0];
    return text.split(':')[0].trim().replace(/\.$/, '').toLowerCase() || 'parse error';
}

;// CONCATENATED MODULE: ./packages/collect/src/cobertura.ts
// Cobertura XML (coverage.py `coverage xml`, Istanbul cobertura, many others): line hits only; branch
// rates are never mixed in. Only a class's own <lines> count, as lines-valid does: Istanbul lists each
// function's declaration line under <methods>, which is not a statement line.



async function parseCobertura(path, display, coverage) {
    const sources = [];
    let source = null;
    let file = null;
    let lines = 0;
    let inMethods = false;
    let rootTotals = null;
    await parseXmlFile(path, display, {
        open(name, attributes) {
            if (name === 'coverage') {
                const total = Number(attributes['lines-valid']);
                const covered = Number(attributes['lines-covered']);
                if (Number.isSafeInteger(total) && Number.isSafeInteger(covered) && total >= 0)
                    rootTotals = { covered, total };
            }
            else if (name === 'source') {
                source = '';
            }
            else if (name === 'class') {
                const filename = attributes.filename ?? attributes.name ?? '';
                file = (0,external_node_path_.isAbsolute)(filename) || sources.length === 0 ? filename : (0,external_node_path_.join)(sources[0], filename);
            }
            else if (name === 'methods') {
                inMethods = true;
            }
            else if (name === 'line' && file !== null && !inMethods) {
                const hits = Number(attributes.hits);
                coverage.addLine(file, Number(attributes.number), hits > 0);
                lines++;
            }
        },
        close(name) {
            if (name === 'source' && source !== null) {
                if (source.trim())
                    sources.push(source.trim());
                source = null;
            }
            else if (name === 'class') {
                file = null;
            }
            else if (name === 'methods') {
                inMethods = false;
            }
        },
        text(text) {
            if (source !== null)
                source += text;
        },
    });
    if (lines > 0)
        return;
    if (!rootTotals) {
        throw refuse('REPORT_NO_COVERAGE', `${display} is a Cobertura report with no lines and no lines-valid total.`, 'Check that coverage was collected, or leave this file out of the patterns.');
    }
    coverage.addTotals(`(total of ${display})`, rootTotals);
}

;// CONCATENATED MODULE: ./packages/collect/src/coverage-py-json.ts
// coverage.py's JSON report (`coverage json`): per file, executed_lines are covered statements and missing_lines
// uncovered ones. excluded_lines are no statements, even when they ran (coverage.py lists those as executed too),
// and branch data (`--branch`) is never read: line coverage only, as `coverage report` counts it without branches.
// The file names are relative to the directory coverage.py reported from; the report names no root (Cobertura's
// <source>), so they are used as Cobertura's are without one: as written, relative to the working directory.


const REGENERATE = 'Regenerate it with coverage json; it may have been cut short or edited.';
async function parseCoveragePyJson(path, display, coverage) {
    let report;
    try {
        report = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch {
        throw refuse('REPORT_MALFORMED', `${display} looks like a coverage.py JSON report but is not valid JSON; it may be truncated.`, REGENERATE);
    }
    const files = report.files;
    if (files === null || typeof files !== 'object' || Array.isArray(files)) {
        throw refuse('REPORT_MALFORMED', `${display} is a coverage.py JSON report without a files object.`, REGENERATE);
    }
    const entries = Object.entries(files);
    for (const [file, entry] of entries) {
        const executed = lineNumbers(entry?.executed_lines);
        const missing = lineNumbers(entry?.missing_lines);
        const excluded = entry?.excluded_lines === undefined ? [] : lineNumbers(entry.excluded_lines);
        if (!executed || !missing || !excluded) {
            throw refuse('REPORT_MALFORMED', `${display} is a coverage.py JSON report with a file entry without valid executed_lines and missing_lines.`, REGENERATE);
        }
        const notStatements = new Set(excluded);
        for (const line of missing)
            coverage.addLine(file, line, false);
        for (const line of executed)
            if (!notStatements.has(line))
                coverage.addLine(file, line, true);
    }
    if (entries.length > 0)
        return;
    const total = Number(report.totals?.num_statements);
    const covered = Number(report.totals?.covered_lines);
    if (!Number.isSafeInteger(total) || !Number.isSafeInteger(covered) || covered < 0 || covered > total) {
        throw refuse('REPORT_NO_COVERAGE', `${display} is a coverage.py JSON report with no files and no valid totals.`, 'Check that coverage was measured (coverage run --source=...), or leave this file out of the patterns.');
    }
    coverage.addTotals(`(total of ${display})`, { covered, total });
}
/** Positive integer line numbers, or null when the value is not a list of them. */
function lineNumbers(value) {
    if (!Array.isArray(value))
        return null;
    for (const line of value)
        if (!Number.isSafeInteger(line) || line < 1)
            return null;
    return value;
}

;// CONCATENATED MODULE: ./packages/collect/src/detect.ts
// Decides a report's format from its first bytes, never from its name.


const SNIFF_BYTES = 64 * 1024;
/** Reads the first SNIFF_BYTES of a file. */
async function readHead(path) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const buffer = Buffer.alloc(SNIFF_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
        return buffer.subarray(0, bytesRead);
    }
    finally {
        await handle.close();
    }
}
// <!DOCTYPE name SYSTEM "uri"> or PUBLIC "id" "uri", with no internal subset ([...]).
const EXTERNAL_DOCTYPE = /^<!DOCTYPE\s+[\w.:-]+(?:\s+(?:SYSTEM|PUBLIC)(?:\s+(?:"[^"[\]]*"|'[^'[\]]*')){1,2})?\s*>/i;
const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/;
/** What the head of a file is; `looksLike` describes a file in no known format, without quoting it. */
function detectFormat(head) {
    const unknown = (looksLike) => ({ format: null, looksLike });
    if (head.length === 0 || /^\s*$/.test(head.toString('latin1')))
        return unknown('empty');
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
        return unknown('UTF-16 text');
    if (head[0] === 0x1f && head[1] === 0x8b)
        return unknown('gzip-compressed');
    if (head.includes(0) || !isUtf8(head))
        return unknown('binary');
    const text = head.toString('utf8').replace(/^\uFEFF/, '');
    const start = text.trimStart();
    if (start.startsWith('<'))
        return detectXml(text);
    if (start.startsWith('{') || start.startsWith('['))
        return detectJson(start);
    const first = start.slice(0, start.search(/\r?\n|$/));
    if (/^mode: *(set|count|atomic)\s*$/.test(first))
        return { format: 'go-cover' };
    if (/^(TN|SF):/.test(first))
        return { format: 'lcov' };
    return unknown('text in no known format');
}
function isUtf8(head) {
    // The head may end inside a character: allow up to 3 bytes cut off.
    for (let cut = 0; cut <= Math.min(3, head.length); cut++) {
        try {
            new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
            return true;
        }
        catch {
            if (head.length < SNIFF_BYTES)
                return false;
        }
    }
    return false;
}
function detectXml(text) {
    let rest = text.slice(PROLOG.exec(text)?.[0].length ?? 0);
    if (/^<!DOCTYPE\s+html/i.test(rest) || /^<html[\s>]/i.test(rest))
        return { format: null, looksLike: 'HTML' };
    if (/^<!DOCTYPE/i.test(rest)) {
        // Istanbul's Cobertura names an external DTD (never fetched); an internal subset is where entities live.
        const doctype = EXTERNAL_DOCTYPE.exec(rest);
        if (!doctype)
            return { format: null, looksLike: 'XML with a DOCTYPE (DTDs and entities are refused)' };
        rest = rest.slice(doctype[0].length);
        rest = rest.slice(PROLOG.exec(rest)?.[0].length ?? 0);
    }
    const root = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest)?.[1];
    if (root === 'testsuites' || root === 'testsuite')
        return { format: 'junit' };
    if (root === 'coverage')
        return { format: 'cobertura' };
    if (root === 'report')
        return { format: 'jacoco' };
    if (root && root.toLowerCase() === 'html')
        return { format: null, looksLike: 'HTML' };
    if (root === 'failsafe-summary')
        return { format: null, looksLike: 'a Failsafe summary; match TEST-*.xml instead' };
    return { format: null, looksLike: 'XML, but not JUnit, Cobertura or JaCoCo' };
}
// coverage.py writes "meta" first (scalars only: format, version, timestamp ...), then "files", then "totals".
const COVERAGE_PY_JSON = /^\{\s*"meta"\s*:\s*\{((?:[^{}"]|"(?:[^"\\]|\\.)*")*)\}\s*,\s*"files"\s*:\s*\{/;
function detectJson(start) {
    // coverage-summary.json begins with "total" (Istanbul writes it first); coverage-final.json with a file's map.
    if (/^\{\s*"total"\s*:\s*\{/.test(start))
        return { format: 'json-summary' };
    const meta = COVERAGE_PY_JSON.exec(start)?.[1];
    if (meta !== undefined && /"(?:version|format)"\s*:/.test(meta))
        return { format: 'coverage-py-json' };
    if (/"statementMap"\s*:/.test(start))
        return { format: null, looksLike: 'Istanbul coverage-final.json, not coverage-summary' };
    return { format: null, looksLike: "JSON, but not an Istanbul coverage-summary or coverage.py's coverage json" };
}
/** Refusal for a file in no known format. */
function unknownFormatError(display, looksLike) {
    if (looksLike === 'empty') {
        return refuse('REPORT_EMPTY', `${display} is empty.`, 'Check that the test step wrote its report before collect ran.');
    }
    if (looksLike.startsWith('XML with a DOCTYPE')) {
        return refuse('REPORT_DTD', `${display} declares a DOCTYPE with an internal subset; DTDs and entity declarations are refused, not expanded.`, 'Write the report without a DOCTYPE (no test reporter needs one).');
    }
    return refuse('REPORT_UNKNOWN_FORMAT', `${display} is in no known report format (it looks like ${looksLike}).`, FORMATS_FIX);
}

;// CONCATENATED MODULE: ./packages/collect/src/go-cover.ts
// Go coverprofiles (go test -coverprofile): "file:l1.c1,l2.c2 statements count" per block. A block repeated
// (several packages, -coverpkg) is covered when any count is > 0; percent is statement-weighted, as Go prints.


const BLOCK = /^(.+):(\d+\.\d+,\d+\.\d+) (\d+) (\d+)$/;
async function parseGoCover(path, display, coverage) {
    let blocks = 0;
    await forEachLine(path, (line, number) => {
        if (number === 1 || line === '' || line.startsWith('mode:'))
            return;
        const match = BLOCK.exec(line);
        if (!match) {
            throw refuse('REPORT_MALFORMED', `${display} is not a well-formed Go coverprofile (line ${number}).`, 'Regenerate it with go test -coverprofile; it may have been cut short or edited.');
        }
        coverage.addGoBlock(match[1], match[2], Number(match[3]), Number(match[4]) > 0);
        blocks++;
    });
    if (blocks === 0) {
        throw refuse('REPORT_NO_COVERAGE', `${display} is a Go coverprofile with no blocks.`, 'Check that go test ran with -coverprofile on packages with code, or leave this file out of the patterns.');
    }
}

;// CONCATENATED MODULE: ./packages/collect/src/jacoco.ts
// JaCoCo XML (jacoco:report): per-line from <sourcefile><line mi ci>; a line is covered when ci > 0.
// Reports without line data (no debug info) fall back to the report's LINE counter.


async function parseJaCoCo(path, display, coverage) {
    let depth = 0;
    let packageName = '';
    let file = null;
    let lines = 0;
    let reportTotals = null;
    await parseXmlFile(path, display, {
        open(name, attributes) {
            depth++;
            if (name === 'package')
                packageName = attributes.name ?? '';
            else if (name === 'sourcefile')
                file = packageName ? `${packageName}/${attributes.name ?? ''}` : (attributes.name ?? '');
            else if (name === 'line' && file !== null) {
                const missed = Number(attributes.mi) || 0;
                const covered = Number(attributes.ci) || 0;
                if (missed + covered > 0)
                    coverage.addLine(file, Number(attributes.nr), covered > 0);
                lines++;
            }
            else if (name === 'counter' && depth === 2 && attributes.type === 'LINE') {
                const missed = Number(attributes.missed);
                const covered = Number(attributes.covered);
                if (Number.isSafeInteger(missed) && Number.isSafeInteger(covered))
                    reportTotals = { covered, total: missed + covered };
            }
        },
        close(name) {
            depth--;
            if (name === 'sourcefile')
                file = null;
            else if (name === 'package')
                packageName = '';
        },
    });
    if (lines > 0)
        return;
    if (!reportTotals) {
        throw refuse('REPORT_NO_COVERAGE', `${display} is a JaCoCo report with no line data and no LINE counter.`, 'Check that coverage was collected, or leave this file out of the patterns.');
    }
    coverage.addTotals(`(total of ${display})`, reportTotals);
}

;// CONCATENATED MODULE: ./packages/collect/src/json-summary.ts
// Istanbul coverage-summary.json (--coverageReporters=json-summary, nyc/c8 --reporter=json-summary):
// totals only, per file. The per-file entries are used; "total" only when there are none.


async function parseJsonSummary(path, display, coverage) {
    let summary;
    try {
        summary = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch {
        throw refuse('REPORT_MALFORMED', `${display} looks like a coverage-summary.json but is not valid JSON; it may be truncated.`, 'Regenerate it with the json-summary coverage reporter.');
    }
    const entries = Object.entries(summary).filter(([key]) => key !== 'total');
    const totals = (entry) => {
        const total = Number(entry?.lines?.total);
        const covered = Number(entry?.lines?.covered);
        if (!Number.isSafeInteger(total) || !Number.isSafeInteger(covered) || total < 0 || covered < 0 || covered > total) {
            return null;
        }
        return { total, covered };
    };
    const invalid = () => refuse('REPORT_MALFORMED', `${display} is a coverage-summary.json without valid lines totals.`, 'Regenerate it with the json-summary coverage reporter.');
    if (entries.length === 0) {
        const total = totals(summary.total);
        if (!total)
            throw invalid();
        coverage.addTotals(`(total of ${display})`, total);
        return;
    }
    for (const [file, entry] of entries) {
        const total = totals(entry);
        if (!total)
            throw invalid();
        coverage.addTotals(file, total);
    }
}

// EXTERNAL MODULE: ./packages/common/src/utf8.ts
var utf8 = __webpack_require__(8792);
// EXTERNAL MODULE: ./packages/errors/src/text.ts
var src_text = __webpack_require__(2310);
;// CONCATENATED MODULE: ./packages/collect/src/sanitize.ts
// Text taken from reports goes into signed results and check runs: terminal escapes and control characters
// would repaint a reader's terminal or hide text, so they are removed.

// xml.ts shelters raw control characters at U+E000 + code.
const SHELTERED = /[\ue000-\ue01f]/g;
const unshelter = (char) => String.fromCharCode(char.charCodeAt(0) - 0xe000);
/** Removes escapes and control characters (the one stripControl), after undoing xml.ts's shelter. */
function stripTerminal(text) {
    return (0,src_text/* stripControl */.kU)(text.replace(SHELTERED, unshelter));
}
/** One line: escapes removed, every run of whitespace (newlines included) as one space. */
function cleanLine(text) {
    return stripTerminal(text).replace(/\s+/g, ' ').trim();
}
/** The first non-blank line, cleaned. */
function firstLine(text) {
    for (const line of stripTerminal(text).split(/\r\n|\r|\n/)) {
        const cleaned = cleanLine(line);
        if (cleaned)
            return cleaned;
    }
    return '';
}

;// CONCATENATED MODULE: ./packages/collect/src/junit.ts
// JUnit XML (jest-junit, pytest, Surefire/Failsafe, gotestsum, JUnit 5, mocha-junit-reporter, PHPUnit), streamed.
// Counts <testcase> elements only; suite attributes such as tests="" are never read.




const MESSAGE_MAX_BYTES = 1024;
const NAME_MAX_BYTES = 1024;
const FILE_MAX_BYTES = 512;
// Enough text to find a first line in; the rest of a stack trace is not kept.
const TEXT_CAPTURE_CHARS = 4096;
const SKIP_ELEMENTS = new Set(['skipped', 'disabled', 'ignored']);
const SKIP_STATUSES = new Set(['skipped', 'disabled', 'ignored', 'notrun', 'not_run']);
async function parseJUnit(path, display, tally) {
    const suites = [];
    let current = null;
    let depthInCase = 0;
    let cases = 0;
    await parseXmlFile(path, display, {
        open(name, attributes) {
            if (current) {
                depthInCase++;
                if (depthInCase === 1)
                    child(current, name, attributes);
                return;
            }
            if (name === 'testsuite') {
                suites.push({ name: cleanLine(attributes.name ?? ''), file: cleanFile(attributes.file) });
            }
            else if (name === 'testcase') {
                current = openCase(suites, attributes);
                depthInCase = 0;
            }
        },
        close(name) {
            if (current) {
                if (depthInCase > 0) {
                    depthInCase--;
                    if (depthInCase === 0)
                        current.capturing = false;
                    return;
                }
                if (name === 'testcase') {
                    cases++;
                    tally.add(finish(current));
                    current = null;
                }
                return;
            }
            if (name === 'testsuite')
                suites.pop();
        },
        text(text) {
            if (current?.capturing && current.text.length < TEXT_CAPTURE_CHARS)
                current.text += text.slice(0, TEXT_CAPTURE_CHARS);
        },
    });
    if (cases === 0) {
        throw refuse('REPORT_NO_TESTS', `${display} is a JUnit report with no test cases.`, 'Check that the test step ran tests, or leave this file out of the patterns.');
    }
}
function openCase(suites, attributes) {
    let file = cleanFile(attributes.file);
    for (let index = suites.length - 1; !file && index >= 0; index--)
        file = suites[index].file;
    // pytest (suite "pytest" unless junit_suite_name is set) writes 0-based line numbers.
    const line = Number(attributes.line) + (suites[0]?.name === 'pytest' ? 1 : 0);
    return {
        suite: suites.map((suite) => suite.name).join(' › '),
        classname: (0,utf8/* truncateUtf8WithMarker */.GL)(cleanLine(attributes.classname ?? attributes.class ?? ''), NAME_MAX_BYTES),
        name: (0,utf8/* truncateUtf8WithMarker */.GL)(cleanLine(attributes.name ?? ''), NAME_MAX_BYTES),
        file,
        line: Number.isSafeInteger(line) && line >= 1 ? line : undefined,
        status: (attributes.status ?? '').toLowerCase(),
        failed: false,
        skipped: false,
        flaky: false,
        message: '',
        type: '',
        capturing: false,
        text: '',
    };
}
function child(test, name, attributes) {
    if (name === 'failure' || name === 'error') {
        if (test.failed)
            return; // the first failure explains the case; rerunFailure etc. follow it
        test.failed = true;
        test.message = firstLine(attributes.message ?? '');
        test.capturing = !test.message;
        test.type = firstLine(attributes.type ?? '');
    }
    else if (SKIP_ELEMENTS.has(name)) {
        test.skipped = true;
    }
    else if (name === 'flakyFailure' || name === 'flakyError') {
        test.flaky = true;
    }
}
function finish(test) {
    let outcome = 'passed';
    if (test.failed)
        outcome = 'failed';
    else if (test.skipped || SKIP_STATUSES.has(test.status))
        outcome = 'skipped';
    const message = test.failed
        ? (0,utf8/* truncateUtf8WithMarker */.GL)(test.message || firstLine(test.text) || test.type, MESSAGE_MAX_BYTES)
        : undefined;
    return {
        suite: test.suite,
        classname: test.classname,
        name: test.name,
        outcome,
        flaky: test.flaky && outcome === 'passed',
        message,
        file: test.file,
        line: test.line,
    };
}
function cleanFile(value) {
    if (!value)
        return undefined;
    return (0,utf8/* truncateUtf8WithMarker */.GL)(cleanLine(value), FILE_MAX_BYTES) || undefined;
}

;// CONCATENATED MODULE: ./packages/collect/src/lcov.ts
// lcov tracefiles (geninfo, Istanbul/nyc/c8, llvm-cov export): per-line DA records; LF/LH when a record has no DA.


async function parseLcov(path, display, coverage) {
    let file = null;
    let sawLines = false;
    let found = null;
    let hit = null;
    let records = 0;
    const endRecord = () => {
        if (file !== null && !sawLines && found !== null)
            coverage.addTotals(file, { covered: hit ?? 0, total: found });
        if (file !== null)
            records++;
        file = null;
        sawLines = false;
        found = hit = null;
    };
    await forEachLine(path, (line, number) => {
        if (line.startsWith('DA:')) {
            if (file === null)
                throw malformed(display, number);
            const comma = line.indexOf(',', 3);
            const next = line.indexOf(',', comma + 1);
            const lineNumber = Number(line.slice(3, comma));
            const hits = Number(next < 0 ? line.slice(comma + 1) : line.slice(comma + 1, next));
            if (comma < 0 || !Number.isFinite(lineNumber) || Number.isNaN(hits))
                throw malformed(display, number);
            coverage.addLine(file, lineNumber, hits > 0);
            sawLines = true;
        }
        else if (line.startsWith('SF:')) {
            endRecord();
            file = line.slice(3).trim();
        }
        else if (line.startsWith('LF:')) {
            found = Number(line.slice(3)) || 0;
        }
        else if (line.startsWith('LH:')) {
            hit = Number(line.slice(3)) || 0;
        }
        else if (line === 'end_of_record') {
            endRecord();
        }
        // TN, FN, FNDA, FNF, FNH, BRDA, BRF, BRH and others do not concern line coverage.
    });
    endRecord();
    if (records === 0) {
        throw refuse('REPORT_NO_COVERAGE', `${display} is an lcov file with no source file records (SF:).`, 'Check that coverage was collected, or leave this file out of the patterns.');
    }
}
function malformed(display, line) {
    return refuse('REPORT_MALFORMED', `${display} is not a well-formed lcov file (line ${line}).`, 'Regenerate the lcov file with the coverage tool; it may have been cut short or edited.');
}

;// CONCATENATED MODULE: ./packages/collect/src/merge-coverage.ts
// Merges coverage per source file and line: a line is covered when any report covers it. Percentages are
// never averaged. Go blocks are kept apart, weighted by statements as `go tool cover` does. Totals-only data
// (coverage-summary.json) counts for a file only when no report gave that file's lines.

const NOT_INSTRUMENTED = 0;
const UNCOVERED = 1;
const COVERED = 2;
class CoverageMerge {
    cwd;
    // One byte per line number: 0 not instrumented, 1 instrumented, 2 covered (50 MB of lcov stays small).
    lines = new Map();
    go = new Map();
    totalsOnly = new Map();
    constructor(cwd = process.cwd()) {
        this.cwd = cwd;
    }
    keys = new Map();
    /** A path as a key: relative to cwd when inside it, with forward slashes. */
    key(path) {
        const known = this.keys.get(path);
        if (known !== undefined)
            return known;
        let key = path;
        if ((0,external_node_path_.isAbsolute)(key)) {
            const inside = (0,external_node_path_.relative)(this.cwd, key);
            if (inside && !inside.startsWith('..') && !(0,external_node_path_.isAbsolute)(inside))
                key = inside;
        }
        key = key
            .split(external_node_path_.sep)
            .join('/')
            .replace(/\\/g, '/')
            .replace(/^(\.\/)+/, '');
        this.keys.set(path, key);
        return key;
    }
    addLine(file, line, covered) {
        if (!Number.isSafeInteger(line) || line < 1)
            return;
        const key = this.key(file);
        let map = this.lines.get(key);
        if (!map || map.length <= line) {
            const grown = new Uint8Array(Math.max(line + 1, (map?.length ?? 0) * 2, 64));
            if (map)
                grown.set(map);
            map = grown;
            this.lines.set(key, map);
        }
        const value = covered ? COVERED : UNCOVERED;
        if (map[line] < value)
            map[line] = value;
    }
    addGoBlock(file, block, statements, covered) {
        let blocks = this.go.get(file);
        if (!blocks)
            this.go.set(file, (blocks = new Map()));
        const known = blocks.get(block);
        if (known)
            known.covered ||= covered;
        else
            blocks.set(block, { statements, covered });
    }
    /** Totals for one file (or a whole report, under a key of its own); the best single report wins. */
    addTotals(file, totals) {
        const key = this.key(file);
        const known = this.totalsOnly.get(key);
        if (!known || totals.covered > known.covered || (totals.covered === known.covered && totals.total > known.total)) {
            this.totalsOnly.set(key, totals);
        }
    }
    /** Null when no report held any coverage data. */
    totals() {
        if (this.lines.size === 0 && this.go.size === 0 && this.totalsOnly.size === 0)
            return null;
        let covered = 0;
        let total = 0;
        for (const map of this.lines.values()) {
            for (let line = 1; line < map.length; line++) {
                if (map[line] === NOT_INSTRUMENTED)
                    continue;
                total++;
                if (map[line] === COVERED)
                    covered++;
            }
        }
        for (const blocks of this.go.values()) {
            for (const block of blocks.values()) {
                total += block.statements;
                if (block.covered)
                    covered += block.statements;
            }
        }
        for (const [key, entry] of this.totalsOnly) {
            if (this.lines.has(key))
                continue;
            covered += entry.covered;
            total += entry.total;
        }
        return { covered, total };
    }
}
/** Percent, rounded down to 2 decimals so that a threshold is never met by rounding up. */
function coveragePercent(totals) {
    if (totals.total <= 0)
        return null;
    return Math.floor((totals.covered / totals.total) * 10000 + 1e-9) / 100;
}

;// CONCATENATED MODULE: ./packages/collect/src/merge-tests.ts
class TestTally {
    passed = 0;
    failed = 0;
    skipped = 0;
    // Report order; a slot is emptied when a rerun passes or is skipped.
    failures = [];
    flaky = [];
    // Only identities whose latest occurrence failed are remembered: passing tests cost no memory.
    open = new Map();
    cases = 0;
    add(test) {
        this.cases++;
        const identity = `${test.suite}\u0000${test.classname}\u0000${test.name}`;
        const previous = this.open.get(identity);
        if (previous) {
            this.failed--;
            this.open.delete(identity);
            if (test.outcome !== 'failed')
                this.failures[previous.index] = null;
        }
        if (test.outcome === 'failed') {
            this.failed++;
            const entry = failureEntry(test);
            if (previous) {
                this.failures[previous.index] = entry;
                this.open.set(identity, { index: previous.index, entry });
            }
            else {
                this.open.set(identity, { index: this.failures.push(entry) - 1, entry });
            }
            return;
        }
        if (test.outcome === 'skipped') {
            this.skipped++;
            return;
        }
        this.passed++;
        if (previous || test.flaky)
            this.flaky.push(flakyEntry(test));
    }
    /** Test cases seen (reruns included). */
    get caseCount() {
        return this.cases;
    }
    summary() {
        return {
            passed: this.passed,
            failed: this.failed,
            skipped: this.skipped,
            failures: this.failures.filter((entry) => entry !== null),
            flaky: [...this.flaky],
        };
    }
}
function displayName(test) {
    const { classname, name } = test;
    if (!classname || name.includes(classname))
        return name || classname || '(unnamed test)';
    if (!name)
        return classname;
    return `${classname} › ${name}`;
}
function failureEntry(test) {
    const entry = { name: displayName(test), message: test.message ?? '' };
    if (test.file)
        entry.file = test.file;
    if (test.line)
        entry.line = test.line;
    return entry;
}
function flakyEntry(test) {
    return test.file ? { name: displayName(test), file: test.file } : { name: displayName(test) };
}

;// CONCATENATED MODULE: ./packages/collect/src/failures-cap.ts
const FAILURES_MAX_BYTES = 36_000;
const FLAKY_MAX_BYTES = 6_000;
/** Bytes an entry takes in a results file pretty-printed with 2 spaces (the deepest layout the CLI writes). */
function entryBytes(entry) {
    const lines = Object.keys(entry).length + 2;
    return Buffer.byteLength(JSON.stringify(entry, null, 2)) + 4 * lines + 2;
}
/** The first entries, in order, that fit in maxBytes, and how many were left out. */
function capEntries(entries, maxBytes) {
    let bytes = 0;
    let count = 0;
    for (const entry of entries) {
        const size = entryBytes(entry);
        if (bytes + size > maxBytes)
            break;
        bytes += size;
        count++;
    }
    return { kept: entries.slice(0, count), omitted: entries.length - count };
}

;// CONCATENATED MODULE: ./packages/collect/src/results.ts


const NO_TESTS_MESSAGE = 'No test cases were found in the reports.';
/**
 * Conclusion: failure when a test failed, when exitCode is non-zero, or when no test case was found (nothing
 * was proven); success otherwise. The last two add an explaining entry to failures[] (not counted as a test).
 */
function buildResults(input) {
    const { tests } = input;
    const notes = [];
    if (input.exitCode !== undefined && input.exitCode !== 0) {
        notes.push({ name: 'test command', message: `The test command exited with code ${input.exitCode}.` });
    }
    if (tests.passed + tests.failed + tests.skipped === 0)
        notes.push({ name: 'collect', message: NO_TESTS_MESSAGE });
    const failures = capEntries([...notes, ...tests.failures], FAILURES_MAX_BYTES);
    const flaky = capEntries(tests.flaky, FLAKY_MAX_BYTES);
    const results = {
        version: 1,
        repository: input.repository,
        commit: input.commit,
        conclusion: tests.failed > 0 || notes.length > 0 ? 'failure' : 'success',
        tests: { passed: tests.passed, failed: tests.failed, skipped: tests.skipped },
    };
    if (input.check !== undefined)
        results.check = input.check;
    const percent = input.coverage ? coveragePercent(input.coverage) : null;
    if (percent !== null)
        results.coverage = { lines: percent };
    results.failures = failures.kept;
    if (failures.omitted > 0)
        results.failuresOmitted = failures.omitted;
    if (flaky.kept.length > 0)
        results.flaky = flaky.kept;
    if (flaky.omitted > 0)
        results.flakyOmitted = flaky.omitted;
    if (input.startedAt !== undefined)
        results.startedAt = isoDate(input.startedAt);
    if (input.completedAt !== undefined)
        results.completedAt = isoDate(input.completedAt);
    return results;
}
const NO_REPORTS_MESSAGE = 'No test report was found';
/** Results for a run whose patterns found no report at all (what `run` signs instead of refusing). */
function noReportsResults(context) {
    const results = buildResults({ ...context, tests: emptySummary(), coverage: null });
    const message = `${NO_REPORTS_MESSAGE} (patterns: ${context.patterns.join(', ')}).`;
    results.failures = [
        { name: 'collect', message },
        ...(results.failures ?? []).filter((entry) => entry.message !== NO_TESTS_MESSAGE),
    ];
    return results;
}
function emptySummary() {
    return { passed: 0, failed: 0, skipped: 0, failures: [], flaky: [] };
}
/** "collected N report files: P passed, F failed, S skipped, coverage L% -> FILE" ("coverage none" without). */
function formatSummaryLine(results, fileCount, outFile) {
    const { passed, failed, skipped } = results.tests;
    const coverage = results.coverage ? `coverage ${results.coverage.lines}%` : 'coverage none';
    // The wording is fixed (callers and logs match it), so "1 report files" stays plural.
    const counts = `${passed} passed, ${failed} failed, ${skipped} skipped`;
    return `collected ${fileCount} report files: ${counts}, ${coverage} -> ${outFile}`;
}
function isoDate(value) {
    return value instanceof Date ? value.toISOString() : value;
}

;// CONCATENATED MODULE: ./packages/collect/src/collect.ts
// collectReports: globs, detects each file's format from its content, parses and merges. Never writes.


















/** Finds the files: every including pattern must match at least one file. */
/** A path that is no glob: [] when absent; a FIFO, device or directory is refused, never skipped. */
async function plainPath(path) {
    try {
        await (0,files/* assertRegularFile */.fA)(path, { what: 'report', flag: 'reports' });
    }
    catch (error) {
        if (error instanceof src/* CiSigningError */.AO && error.code === 'FILE_NOT_FOUND')
            return [];
        throw error;
    }
    return [path];
}
async function findReports(patterns, cwd) {
    const include = patterns.filter((pattern) => pattern.trim() && !pattern.startsWith('!'));
    const ignore = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
    if (include.length === 0) {
        throw refuse('COLLECT_NO_PATTERNS', 'No report pattern was given.', 'Give one or more glob patterns, e.g. "reports/**/*.xml".');
    }
    const files = [];
    const seen = new Set();
    for (const pattern of include) {
        const matches = (0,dist/* isDynamicPattern */.ey)(pattern)
            ? (await (0,dist/* glob */.TI)(pattern, { cwd, ignore, onlyFiles: true, absolute: true, dot: true })).sort()
            : await plainPath((0,external_node_path_.resolve)(cwd, pattern));
        if (matches.length === 0) {
            throw refuse('COLLECT_NO_MATCH', `The pattern "${pattern}" matches no file under ${cwd}.`, 'Check the pattern and that the test step wrote its reports before collect ran.');
        }
        for (const match of matches) {
            if (!seen.has(match)) {
                seen.add(match);
                files.push(match);
            }
        }
    }
    return files;
}
const PARSERS = {
    junit: (path, display, tally) => parseJUnit(path, display, tally),
    lcov: (path, display, _tally, coverage) => parseLcov(path, display, coverage),
    cobertura: (path, display, _tally, coverage) => parseCobertura(path, display, coverage),
    jacoco: (path, display, _tally, coverage) => parseJaCoCo(path, display, coverage),
    'json-summary': (path, display, _tally, coverage) => parseJsonSummary(path, display, coverage),
    'coverage-py-json': (path, display, _tally, coverage) => parseCoveragePyJson(path, display, coverage),
    'go-cover': (path, display, _tally, coverage) => parseGoCover(path, display, coverage),
};
async function collectReports(options) {
    const cwd = (0,external_node_path_.resolve)(options.cwd ?? process.cwd());
    const paths = await findReports(options.patterns, cwd);
    const tally = new TestTally();
    const coverage = new CoverageMerge(cwd);
    const formats = [];
    for (const path of paths) {
        const display = (0,external_node_path_.relative)(cwd, path) || path;
        const format = await detect(path, display);
        try {
            await PARSERS[format](path, display, tally, coverage);
        }
        catch (error) {
            if (error instanceof src/* CiSigningError */.AO)
                throw error;
            throw unreadable(display, error);
        }
        formats.push({ path: display, format });
    }
    const results = buildResults({ ...options, tests: tally.summary(), coverage: coverage.totals() });
    // Validate against the schema now, so that a bad repository or commit is refused before anything is written.
    (0,parse/* parseResults */.c2)(Buffer.from(JSON.stringify(results)), 'collected results');
    const files = formats.map((file) => file.path);
    return {
        results,
        files,
        formats,
        summaryLine: formatSummaryLine(results, files.length, options.outFile ?? 'results.json'),
    };
}
async function detect(path, display) {
    let head;
    try {
        if (!(await (0,promises_.stat)(path)).isFile())
            throw new Error('not a file');
        head = await readHead(path);
    }
    catch (error) {
        throw unreadable(display, error);
    }
    const detection = detectFormat(head);
    if (detection.format === null)
        throw unknownFormatError(display, detection.looksLike);
    return detection.format;
}
function unreadable(display, error) {
    const code = error.code;
    return refuse('REPORT_UNREADABLE', `${display} could not be read${code ? ` (${code})` : ''}.`, 'Check that the file exists and is readable by the runner user.');
}

// EXTERNAL MODULE: ./packages/operations/src/context.ts
var context = __webpack_require__(1115);
;// CONCATENATED MODULE: ./packages/operations/src/collect-results.ts
// collect and run: the CI's own reports become a ci-results v1 file, written whole or not at all.








const SHA = /^[0-9a-f]{40}$/;
async function collectResultsFile(request) {
    const context = await resultsContext(request);
    await refuseExistingOut(request);
    const outcome = await collectReports({
        ...context,
        exitCode: request.exitCode,
        startedAt: request.startedAt,
        completedAt: request.completedAt,
        patterns: request.reports,
        cwd: request.cwd,
        outFile: request.outFile,
    });
    await writeResults(request, outcome.results);
    return { resultsFile: request.outFile, results: outcome.results, summaryLine: outcome.summaryLine };
}
/**
 * Runs the test command with stdio passed through, then collects what it left. A command that wrote no report
 * still gets results (failure, zero tests, and why), so a crash is signed and posted like any other failure.
 */
async function runAndCollect(request) {
    if (request.command.length === 0) {
        throw new src/* UsageError */.eb('no command to run', 'Put the test command after --, e.g. ci-signing run --reports "reports/*.xml" -- npm test.');
    }
    const context = await resultsContext(request);
    await refuseExistingOut(request);
    const startedAt = new Date();
    const exitCode = await runCommand(request.command, request.cwd);
    const completedAt = new Date();
    const timed = { ...context, exitCode, startedAt, completedAt };
    const cwd = (0,external_node_path_.resolve)(request.cwd ?? process.cwd());
    const matching = [];
    for (const pattern of request.reports) {
        if (await matches(pattern, cwd))
            matching.push(pattern);
    }
    let results;
    let summaryLine;
    if (matching.length === 0) {
        results = noReportsResults({ ...timed, patterns: request.reports });
        summaryLine = formatSummaryLine(results, 0, request.outFile);
    }
    else {
        const outcome = await collectReports({ ...timed, patterns: matching, cwd: request.cwd, outFile: request.outFile });
        results = outcome.results;
        summaryLine = outcome.summaryLine;
        const missing = request.reports.filter((pattern) => !matching.includes(pattern));
        if (missing.length > 0) {
            // A report the command should have written and did not is a failure, never silently dropped.
            results.conclusion = 'failure';
            results.failures = [
                { name: 'collect', message: `No report matched ${missing.join(', ')}.` },
                ...(results.failures ?? []),
            ];
        }
    }
    await writeResults({ ...request, overwrite: true }, results);
    return { resultsFile: request.outFile, results, summaryLine, exitCode };
}
async function matches(pattern, cwd) {
    try {
        return (await findReports([pattern], cwd)).length > 0;
    }
    catch (error) {
        if (error instanceof src/* CiSigningError */.AO && error.code === 'COLLECT_NO_MATCH')
            return false;
        throw error;
    }
}
async function resultsContext(request) {
    if (request.reports.filter((pattern) => pattern.trim()).length === 0) {
        throw new src/* UsageError */.eb('no reports to collect', 'Give --reports (the reports input) one or more paths or globs, e.g. "reports/*.xml".');
    }
    if (!request.outFile.trim())
        throw new src/* UsageError */.eb('no results file to write', 'Give --out (the results-file input), e.g. ci-results.json.');
    const repository = request.repository || request.env.GITHUB_REPOSITORY || '';
    if (!repository) {
        throw new src/* UsageError */.eb('no repository for the results', 'Give --repository OWNER/NAME (in Actions, GITHUB_REPOSITORY is used).');
    }
    const commit = (request.commit || (request.env.GITHUB_ACTIONS === 'true' ? (0,context/* defaultSha */.Q7)(request.env) : gitHead(request.cwd))).toLowerCase();
    if (!SHA.test(commit)) {
        throw new src/* UsageError */.eb(`the commit must be a full 40-hex sha, got ${commit ? `${commit.length} characters` : 'nothing'}`, 'Give --commit with the full sha (git rev-parse HEAD), not an abbreviation.');
    }
    const check = request.checkName.trim();
    return check ? { repository, commit, check } : { repository, commit };
}
function gitHead(cwd) {
    try {
        return (0,external_node_child_process_.execFileSync)('git', ['rev-parse', 'HEAD'], {
            cwd,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
        }).trim();
    }
    catch {
        throw new src/* UsageError */.eb('no commit given and git rev-parse HEAD failed here', 'Run in a git checkout of the tested commit, or give --commit with its full sha.');
    }
}
async function refuseExistingOut(request) {
    if (request.overwrite)
        return;
    const exists = await (0,promises_.access)(request.outFile).then(() => true, () => false);
    if (exists) {
        throw new src/* CiSigningError */.AO('RESULTS_FILE_EXISTS', `${request.outFile} already exists; collect never replaces a results file unasked.`, 'Remove it, choose another --out, or pass --overwrite.');
    }
}
async function writeResults(request, results) {
    await refuseExistingOut(request);
    await (0,files/* writeFileAtomic */.Zf)(request.outFile, `${JSON.stringify(results, null, 2)}\n`);
}
function runCommand(command, cwd) {
    return new Promise((resolvePromise, reject) => {
        const child = (0,external_node_child_process_.spawn)(command[0], command.slice(1), { cwd, stdio: 'inherit' });
        child.on('error', (error) => {
            reject(new src/* CiSigningError */.AO('COMMAND_NOT_STARTED', `The command ${command[0]} could not be started (${error.code ?? 'error'}).`, 'Check the command after -- and that it is on PATH.'));
        });
        child.on('close', (code, signal) => resolvePromise(code ?? 128 + signalNumber(signal)));
    });
}
/** A shell reports a command killed by a signal as 128 + its number; so does run. */
function signalNumber(signal) {
    return signal ? (external_node_os_.constants.signals[signal] ?? 1) : 1;
}

// EXTERNAL MODULE: ./packages/common/src/numbers.ts
var numbers = __webpack_require__(1729);
// EXTERNAL MODULE: ./packages/common/src/duration.ts
var duration = __webpack_require__(4627);
// EXTERNAL MODULE: ./packages/common/src/untrusted.ts
var untrusted = __webpack_require__(2349);
// EXTERNAL MODULE: ./packages/defaults/src/index.ts
var defaults_src = __webpack_require__(4592);
// EXTERNAL MODULE: ./packages/signing/src/signature-input.ts
var signature_input = __webpack_require__(1416);
// EXTERNAL MODULE: ./packages/checks/src/client.ts
var src_client = __webpack_require__(5924);
// EXTERNAL MODULE: ./packages/checks/src/post-check-run.ts + 2 modules
var post_check_run = __webpack_require__(5888);
// EXTERNAL MODULE: ./packages/operations/src/input-files.ts
var input_files = __webpack_require__(914);
;// CONCATENATED MODULE: ./packages/operations/src/post-operation.ts







async function postResultsFile(request) {
    const retries = (0,numbers/* parseNonNegativeInteger */.M)('retries', (0,defaults_src/* withDefault */.IQ)('retries', request.retries), defaults_src/* LIMITS */.b1.maxRetries);
    const retryDelayMs = parseSeconds('retry-delay', (0,defaults_src/* withDefault */.IQ)('retry-delay', request.retryDelay), true) * 1000;
    const requestTimeoutMs = parseSeconds('request-timeout', (0,defaults_src/* withDefault */.IQ)('request-timeout', request.requestTimeout), false) * 1000;
    const rateLimitWaitMs = (0,duration/* parseDuration */.E9)((0,defaults_src/* withDefault */.IQ)('rate-limit-wait', request.rateLimitWait), {
        name: 'rate-limit-wait',
        zeroAllowed: true,
        example: '10m',
    }) * 1000;
    const checkName = (0,defaults_src/* withDefault */.IQ)('check-name', request.checkName).trim();
    // Everything is read and checked before the first request, so a bad input never leaves a half-posted run.
    const { bytes, results } = await (0,parse/* readResultsFile */.B9)(request.resultsFile);
    if (results.check !== undefined && results.check !== checkName) {
        // The verifier would reject it (binding): posting it would only leave a run that can never verify.
        throw new src/* CiSigningError */.AO('CHECK_NAME_MISMATCH', `${request.resultsFile} names check ${(0,untrusted/* describeName */.T_)(results.check)}, but it was to be posted as ` +
            `"${checkName}"; nothing was posted.`, `Set check-name to the check the results name, or collect them again with --check-name ${checkName}.`);
    }
    const signature = await readSignature(request);
    // Only armor is posted: a binary signature (gpg --detach-sign) is re-armored here.
    const signer = signature
        ? await describeSignature(signature, request.signatureFile || `${request.resultsFile}.asc`)
        : null;
    if (!signature)
        request.warn(`posting ${request.resultsFile} unsigned: the verifier rejects it unless allow-unsigned is set. Sign it ` +
            `first (sign action or ci-signing sign).`);
    const client = request.client ??
        (() => {
            if (!request.token)
                throw new src/* UsageError */.eb('no GitHub token', 'Pass token (default github.token, with checks: write) or set GITHUB_TOKEN; the CLI also takes GitHub ' +
                    'App credentials.');
            return (0,src_client/* createGitHubClient */.L)({
                token: request.token,
                baseUrl: request.apiUrl,
                retries,
                retryDelayMs,
                requestTimeoutMs,
                rateLimitWaitMs,
                log: request.log,
            });
        })();
    const posted = await (0,post_check_run/* postResults */.lx)({
        client,
        repository: results.repository,
        resultsBytes: bytes,
        results,
        signature: signer?.armored ?? null,
        checkName,
        signerFingerprint: signer?.fingerprint,
        signingKeyId: signer?.signingKeyId,
        detailsUrl: request.detailsUrl,
        log: request.log,
    });
    return {
        checkRunId: posted.checkRunId,
        checkRunUrl: posted.htmlUrl,
        attempts: posted.attempts,
        signed: posted.signed,
        created: posted.created,
    };
}
async function readSignature(request) {
    if (request.signatureFile)
        return (0,files/* readBoundedFile */.Mv)(request.signatureFile, input_files/* SIGNATURE_FILE */.I9);
    return (0,files/* readOptionalFile */.pL)(`${request.resultsFile}.asc`, input_files/* SIGNATURE_FILE */.I9);
}
/** The signer as the signature itself names it, for the check run's title and summary; armor to post. */
async function describeSignature(signature, path) {
    let inspected;
    try {
        inspected = await (0,signature_input/* inspectSignature */.x$)(signature);
    }
    catch (error) {
        if (!(error instanceof src/* CiSigningError */.AO))
            throw error;
        throw new src/* CiSigningError */.AO(error.code, `${path}: ${error.message}`, 'Point signature-file at the signature file the sign step wrote.');
    }
    const [first] = inspected.signers;
    return { armored: inspected.armored, signingKeyId: first.signingKeyId, fingerprint: first.fingerprint };
}
function parseSeconds(name, value, zeroAllowed) {
    const seconds = Number(value.trim());
    if (!value.trim() || !Number.isFinite(seconds) || seconds < 0 || (!zeroAllowed && seconds === 0) || seconds > 3600) {
        throw new src/* UsageError */.eb(`${name} must be a number of seconds${zeroAllowed ? '' : ' above 0'}, got '${value}'`, `Set ${name} to e.g. ${defaults_src/* DEFAULTS */.zY[name === 'retry-delay' ? 'retry-delay' : 'request-timeout']}.`);
    }
    return seconds;
}

;// CONCATENATED MODULE: ./packages/operations/src/index.ts









/***/ })

};
