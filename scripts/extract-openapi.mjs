#!/usr/bin/env node
// Extracts the Checks API schemas the GitHub API test server validates against from GitHub's published
// OpenAPI description (@octokit/openapi, generated/api.github.com.json) into
// packages/github-api-server/openapi/checks-extract.json (committed).
//
// $refs are resolved inline, except that the shared check-run and check-annotation schemas are written once
// under "schemas" and referred to as "#/schemas/<name>" (so the extract is one self-contained JSON Schema
// document: add it to ajv whole). The OpenAPI 3.0 dialect is turned into plain JSON Schema for ajv:
// `nullable: true` becomes a "null" type (and a null enum member); `example(s)`, `discriminator`,
// `externalDocs`, `xml` and `x-*` vendor keys are dropped. Everything else is copied as published.
//
// Usage: node scripts/extract-openapi.mjs [--out FILE] [--check]
//   --out FILE   write there instead of the committed path
//   --check      write nothing; exit 1 when the committed extract differs from a fresh one
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EXTRACT_PATH = join(root, 'packages', 'github-api-server', 'openapi', 'checks-extract.json');

const OPERATIONS = [
  { id: 'checks/create', method: 'post', path: '/repos/{owner}/{repo}/check-runs', status: '201' },
  { id: 'checks/update', method: 'patch', path: '/repos/{owner}/{repo}/check-runs/{check_run_id}', status: '200' },
  { id: 'checks/get', method: 'get', path: '/repos/{owner}/{repo}/check-runs/{check_run_id}', status: '200' },
  { id: 'checks/list-for-ref', method: 'get', path: '/repos/{owner}/{repo}/commits/{ref}/check-runs', status: '200' },
  {
    id: 'checks/list-annotations',
    method: 'get',
    path: '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
    status: '200',
  },
];
const COMPONENT_SCHEMAS = ['check-run', 'check-annotation'];
const DROPPED_KEYS = new Set(['example', 'examples', 'discriminator', 'externalDocs', 'xml']);

function loadDescription() {
  const require = createRequire(join(root, 'package.json'));
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const pkg = JSON.parse(readFileSync(join(dirname(file), '..', 'package.json'), 'utf8'));
  return { description: JSON.parse(readFileSync(file, 'utf8')), pkg, file };
}

/** Follows a local JSON pointer such as "#/components/schemas/check-run". */
function pointer(document, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => {
      if (node === undefined || !(key in node)) throw new Error(`unresolvable $ref ${ref}`);
      return node[key];
    }, document);
}

/** Resolves $refs and converts one OpenAPI 3.0 schema node into JSON Schema. */
function toJsonSchema(document, node, seen = []) {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(document, item, seen));
  if (node === null || typeof node !== 'object') return node;
  const shared =
    typeof node.$ref === 'string' && COMPONENT_SCHEMAS.find((name) => node.$ref === `#/components/schemas/${name}`);
  if (shared) return { $ref: `#/schemas/${shared}` };
  if (typeof node.$ref === 'string') {
    if (seen.includes(node.$ref)) throw new Error(`circular $ref ${[...seen, node.$ref].join(' -> ')}`);
    return toJsonSchema(document, pointer(document, node.$ref), [...seen, node.$ref]);
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYS.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    // `properties` maps names to schemas; `enum`/`required`/`default` are data, not schemas.
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(document, schema, seen)]),
      );
    } else if (key === 'enum' || key === 'required' || key === 'default') {
      out[key] = structuredClone(value);
    } else {
      out[key] = toJsonSchema(document, value, seen);
    }
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

function parameters(document, operation) {
  return (operation.parameters ?? [])
    .map((parameter) => toJsonSchema(document, parameter))
    .map(({ name, in: location, required, schema }) => ({ name, in: location, required: required === true, schema }));
}

/** Builds the extract object from the installed @octokit/openapi package. */
export function buildExtract() {
  const { description, pkg } = loadDescription();
  const operations = {};
  for (const { id, method, path, status } of OPERATIONS) {
    const operation = description.paths[path]?.[method];
    if (!operation || operation.operationId !== id)
      throw new Error(`${method.toUpperCase()} ${path} is not ${id} in @octokit/openapi ${pkg.version}`);
    const response = operation.responses[status];
    const requestBody = operation.requestBody?.content?.['application/json']?.schema;
    operations[id] = {
      method: method.toUpperCase(),
      path,
      parameters: parameters(description, operation),
      ...(requestBody ? { requestBody: toJsonSchema(description, requestBody) } : {}),
      response: {
        status: Number(status),
        schema: toJsonSchema(description, response.content['application/json'].schema),
      },
    };
  }
  const schemas = Object.fromEntries(
    COMPONENT_SCHEMAS.map((name) => [name, toJsonSchema(description, description.components.schemas[name], [name])]),
  );
  return {
    $id: 'checks-extract.json',
    $comment:
      'Generated by scripts/extract-openapi.mjs; do not edit. Regenerate with: node scripts/extract-openapi.mjs',
    source: {
      package: '@octokit/openapi',
      version: pkg.version,
      file: 'generated/api.github.com.json',
      openapi: description.openapi,
      descriptionVersion: description.info.version,
    },
    operations,
    schemas,
  };
}

export function serializeExtract(extract) {
  return `${JSON.stringify(extract, null, 2)}\n`;
}

function main(argv) {
  const outFlag = argv.indexOf('--out');
  const out = outFlag >= 0 ? resolve(argv[outFlag + 1]) : EXTRACT_PATH;
  const text = serializeExtract(buildExtract());
  if (argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(out, 'utf8');
    } catch {
      // A missing extract is reported as stale below.
    }
    if (committed !== text) {
      process.stderr.write(`${relative(root, out)} is stale; run: node scripts/extract-openapi.mjs\n`);
      process.exit(1);
    }
    return;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  process.stdout.write(`wrote ${relative(process.cwd(), out) || out}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
