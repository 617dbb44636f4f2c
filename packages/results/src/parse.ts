// Reading and validating ci-results v1. The bytes are decoded strictly and parsed as they are: whoever
// verifies a signature must parse exactly the bytes the signature covers, never a re-serialization.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { CiSigningError } from '../../errors/src/index.js';
import { describeEnumValue, describeShape, readBoundedFile, type ReadFileOptions } from '../../common/src/index.js';
import { LIMITS } from '../../defaults/src/index.js';
import { findJsonSyntaxError, lineColumn, locatePointer } from './json-position.js';
// Compiled from the schema at build time (scripts/generate-validator.mjs), so nothing compiles at start-up.
import precompiledValidator from './validate-results.generated.js';
import type { CiResults } from './types.js';

export const RESULTS_SCHEMA_FILE = 'packages/results/schema/ci-results-v1.schema.json';
const SCHEMA_FIX =
  `Make the file match the ci-results v1 schema (${RESULTS_SCHEMA_FILE}; format and example in ` +
  `docs/results-format.md).`;
/** How a results file is read: a regular file, capped. */
export const RESULTS_FILE: ReadFileOptions = {
  what: 'results file',
  flag: 'results-file',
  maxBytes: LIMITS.resultsFileBytes,
  limitName: 'the results file cap',
};
/** A results file with thousands of broken entries should not make a message of thousands of problems. */
const MAX_LISTED_PROBLEMS = 25;

function resultsValidator(): ValidateFunction {
  return precompiledValidator;
}

/**
 * Decodes, parses and validates ci-results v1. `source` names the results in messages (a path, a check run).
 * A leading UTF-8 byte order mark is ignored (some Windows tools write one); the signature still covers it.
 */
export function parseResults(bytes: Uint8Array, source: string): CiResults {
  if (bytes.length === 0) {
    throw new CiSigningError(
      'RESULTS_EMPTY',
      `${source} is empty (0 bytes).`,
      `Write the CI results to ${source} before this step. ${SCHEMA_FIX}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    throw new CiSigningError(
      'RESULTS_NOT_UTF8',
      `${source} is not valid UTF-8: the byte at offset ${offset} cannot be decoded.`,
      'Write the results file as UTF-8 (JSON requires it), e.g. with JSON.stringify and fs.writeFileSync(path, ' +
        'text, "utf8").',
    );
  }
  if (text.trim() === '') {
    throw new CiSigningError(
      'RESULTS_EMPTY',
      `${source} holds only whitespace.`,
      `Write the CI results to ${source} before this step. ${SCHEMA_FIX}`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new CiSigningError(
      'RESULTS_NOT_JSON',
      `${source} is not valid JSON: ${describeJsonSyntaxError(text)}.`,
      `Write the results with a JSON serializer. ${SCHEMA_FIX}`,
    );
  }
  const validate = resultsValidator();
  if (!validate(document)) {
    throw new CiSigningError('RESULTS_INVALID', `${source}: ${listProblems(validate.errors ?? [], text)}`, SCHEMA_FIX);
  }
  return document as CiResults;
}

/** Reads and validates a results file; returns the exact bytes read (the ones to sign or verify) too. */
export async function readResultsFile(path: string): Promise<{ bytes: Uint8Array; results: CiResults }> {
  const buffer = await readBoundedFile(path, RESULTS_FILE);
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return { bytes, results: parseResults(bytes, path) };
}

/**
 * TextDecoder does not say where decoding failed. A streaming decode only throws once an invalid sequence is
 * complete, so "does this prefix throw?" is monotonic in the prefix length and a binary search finds where
 * decoding breaks; when that is inside a started multi-byte sequence, the offset of its lead byte is reported.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const throwsOn = (length: number, stream: boolean): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream });
      return false;
    } catch {
      return true;
    }
  };
  let good = 0;
  let bad = bytes.length; // the full (flushed) decode failed, or this function would not be called
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (throwsOn(middle, true)) bad = middle;
    else good = middle;
  }
  if (throwsOn(bad - 1, false)) {
    for (let index = bad - 2; index >= Math.max(0, bad - 4); index--) if (bytes[index] >= 0xc0) return index;
  }
  return bad - 1;
}

/**
 * JSON.parse messages quote the input (a results file symlinked to a credentials file would be echoed), so
 * the problem and its line and column come from our own reader instead.
 */
function describeJsonSyntaxError(text: string): string {
  const found = findJsonSyntaxError(text);
  if (!found) return 'its syntax is broken';
  const { line, column } = lineColumn(text, found.offset);
  return `${found.problem} at line ${line}, column ${column}`;
}

function listProblems(errors: ErrorObject[], text: string): string {
  const problems = [...new Set(errors.map((error) => `${describeSchemaError(error)}${where(error, text)}`))];
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (problems.length > listed.length) listed.push(`and ${problems.length - listed.length} more problems`);
  return listed.join('; ');
}

/** " (line L, column C)" of the value a schema error is about, when it can be found. */
function where(error: ErrorObject, text: string): string {
  const offset = locatePointer(text, error.instancePath);
  if (offset === undefined) return '';
  const { line, column } = lineColumn(text, offset);
  return ` (line ${line}, column ${column})`;
}

const PATTERN_PROBLEMS: Record<string, string> = {
  '/repository': 'must be "owner/name" (a GitHub repository)',
  '/commit': 'must be a full commit sha: 40 lowercase hex digits',
};

function describeSchemaError(error: ErrorObject): string {
  const pointer = error.instancePath || '(root)';
  const got = `, got ${describeShape(error.data)}`;
  switch (error.keyword) {
    case 'required':
      return `${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty} is required`;
    case 'type':
      return `${pointer} must be ${withArticle(String((error.params as { type: string }).type))}${got}`;
    case 'const':
      return `${pointer} must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}${got}`;
    case 'enum':
      return (
        `${pointer} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}, ` +
        `got ${describeEnumValue(error.data)}`
      );
    case 'pattern':
      return `${pointer} ${PATTERN_PROBLEMS[error.instancePath] ?? error.message}${got}`;
    case 'format':
      return `${pointer} must be an ISO 8601 date-time with a time zone (e.g. 2024-05-01T12:00:00Z)${got}`;
    case 'minimum':
    case 'maximum':
      return `${pointer} ${error.message}${got}`;
    default:
      return `${pointer} ${error.message ?? `fails ${error.keyword}`}`;
  }
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
