// Request and response validation against the schemas extracted from GitHub's OpenAPI description
// (openapi/checks-extract.json, made by scripts/extract-openapi.mjs), with GitHub's error wording.
import { readFileSync } from 'node:fs';
import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { addAjvFormats } from '../../results/src/index.js';

/** The parts of openapi/checks-extract.json the server reads; the whole document is JSON Schema for ajv. */
export interface ChecksExtract {
  $id: string;
  source: { package: string; version: string; file: string; openapi: string; descriptionVersion: string };
  operations: Record<
    string,
    {
      method: string;
      path: string;
      parameters: Array<{ name: string; in: string; required: boolean; schema: AnySchemaObject }>;
      requestBody?: AnySchemaObject;
      response: { status: number; schema: AnySchemaObject };
    }
  >;
  schemas: Record<'check-run' | 'check-annotation', AnySchemaObject>;
}

// Read at runtime (not a JSON import): ncc bundles relocate `new URL(..., import.meta.url)` assets,
// and TypeScript import attributes do not survive ncc's TypeScript settings.
export const CHECKS_EXTRACT = JSON.parse(
  readFileSync(new URL('../openapi/checks-extract.json', import.meta.url), 'utf8'),
) as ChecksExtract;
const extract = CHECKS_EXTRACT;
/** GitHub counts these output limits in UTF-8 bytes, not characters. */
export const OUTPUT_MAX_BYTES = 65535;
export const ANNOTATION_TEXT_MAX_BYTES = 65535;
export const ANNOTATION_TITLE_MAX_CHARACTERS = 255;

let compiled: Record<string, ValidateFunction> | undefined;

function validators(): Record<string, ValidateFunction> {
  if (compiled) return compiled;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addAjvFormats(ajv);
  ajv.addSchema(extract as AnySchemaObject);
  const schema = (pointer: string): ValidateFunction => {
    const validate = ajv.getSchema(`${extract.$id}#${pointer}`);
    if (!validate) throw new Error(`checks-extract.json has no schema at ${pointer}`);
    return validate;
  };
  compiled = {
    createBody: schema('/operations/checks~1create/requestBody'),
    updateBody: schema('/operations/checks~1update/requestBody'),
    checkRun: schema('/schemas/check-run'),
    checkAnnotation: schema('/schemas/check-annotation'),
    listForRef: schema('/operations/checks~1list-for-ref/response/schema'),
    listAnnotations: schema('/operations/checks~1list-annotations/response/schema'),
  };
  return compiled;
}

export type ResponseSchemaName = 'checkRun' | 'checkAnnotation' | 'listForRef' | 'listAnnotations';

/** Validates a response body against the extracted response schema; returns ajv's errors (empty when valid). */
export function responseSchemaErrors(name: ResponseSchemaName, body: unknown): ErrorObject[] {
  const validate = validators()[name];
  return validate(body) ? [] : [...(validate.errors ?? [])];
}

/**
 * Validates a create/update body; returns GitHub's "Invalid request." reasons (empty when valid).
 * GitHub reports JSON-schema violations as `{"message":"Invalid request.\n\n<reasons>"}` with status 422.
 */
export function requestBodyProblems(operation: 'create' | 'update', body: unknown): string[] {
  const validate = validators()[operation === 'create' ? 'createBody' : 'updateBody'];
  if (validate(body)) return [];
  return describeAjvErrors(validate.errors ?? [], body);
}

function describeAjvErrors(errors: ErrorObject[], body: unknown): string[] {
  // For anyOf, GitHub names what the closest alternative lacks: keep the branch with the fewest errors.
  const branches = new Map<string, ErrorObject[]>();
  const plain: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const branch = /^(.*\/(?:anyOf|oneOf)\/\d+)\//.exec(error.schemaPath)?.[1];
    if (branch === undefined) plain.push(error);
    else branches.set(branch, [...(branches.get(branch) ?? []), error]);
  }
  const byAlternative = new Map<string, ErrorObject[][]>();
  for (const [branch, branchErrors] of branches) {
    const group = branch.replace(/\/\d+$/, '');
    byAlternative.set(group, [...(byAlternative.get(group) ?? []), branchErrors]);
  }
  for (const alternatives of byAlternative.values()) {
    plain.push(...alternatives.reduce((best, candidate) => (candidate.length < best.length ? candidate : best)));
  }
  return groupRequired(plain).map((error) => describeAjvError(error, valueAt(body, error.instancePath)));
}

/** Missing properties of one object become one reason, like GitHub's `"a", "b" weren't supplied.` */
function groupRequired(errors: ErrorObject[]): Array<ErrorObject & { missing?: string[] }> {
  const out: Array<ErrorObject & { missing?: string[] }> = [];
  const byObject = new Map<string, ErrorObject & { missing: string[] }>();
  for (const error of errors) {
    if (error.keyword !== 'required') {
      out.push(error);
      continue;
    }
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const existing = byObject.get(error.instancePath);
    if (existing) {
      existing.missing.push(missing);
      continue;
    }
    const grouped = { ...error, missing: [missing] };
    byObject.set(error.instancePath, grouped);
    out.push(grouped);
  }
  return out;
}

function describeAjvError(error: ErrorObject & { missing?: string[] }, value: unknown): string {
  const where = schemaLocation(error.schemaPath);
  switch (error.keyword) {
    case 'required': {
      const names = (error.missing ?? []).map((name) => `"${name}"`).join(', ');
      return `${names} ${(error.missing ?? []).length > 1 ? "weren't" : "wasn't"} supplied.`;
    }
    case 'maxItems':
      return (
        `No more than ${String(error.params.limit)} items are allowed; ${Array.isArray(value) ? value.length : 0} ` +
        `were supplied.`
      );
    case 'maxLength':
      return `Only ${String(error.params.limit)} characters are allowed; ${[...String(value)].length} were supplied.`;
    case 'type':
      return (
        `For '${where}', ${show(value)} is not ${article(String(error.params.type))} ` +
        `${String(error.params.type).replace('null', 'nil')}.`
      );
    case 'enum':
      return (
        `For '${where}', ${show(value)} is not one of ` +
        `[${(error.params.allowedValues as unknown[]).map((allowed) => JSON.stringify(allowed)).join(', ')}].`
      );
    case 'format':
      return `For '${where}', ${show(value)} is not a valid ${String(error.params.format)}.`;
    default:
      return `For '${where}', ${show(value)} ${error.message ?? 'is invalid'}.`;
  }
}

/** GitHub names the failing sub-schema, e.g. 'properties/start_line' or 'items'; the root is its hyper-schema link. */
function schemaLocation(schemaPath: string): string {
  const parts = schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1);
  if (parts.length === 0) return 'links/0/schema';
  if (parts.at(-1) === 'items') return 'items';
  return parts.slice(-2).join('/');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(body: unknown, instancePath: string): unknown {
  if (instancePath === '') return body;
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      body,
    );
}
