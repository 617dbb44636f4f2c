// Decides a report's format from its first bytes, never from its name.
import { open } from 'node:fs/promises';
import { refuse, FORMATS_FIX } from './errors.js';
import type { ReportFormat } from './types.js';

export const SNIFF_BYTES = 64 * 1024;

export type Detection = { format: ReportFormat } | { format: null; looksLike: string };

/** Reads the first SNIFF_BYTES of a file. */
export async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

// <!DOCTYPE name SYSTEM "uri"> or PUBLIC "id" "uri", with no internal subset ([...]).
const EXTERNAL_DOCTYPE = /^<!DOCTYPE\s+[\w.:-]+(?:\s+(?:SYSTEM|PUBLIC)(?:\s+(?:"[^"[\]]*"|'[^'[\]]*')){1,2})?\s*>/i;
const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/;

/** What the head of a file is; `looksLike` describes a file in no known format, without quoting it. */
export function detectFormat(head: Buffer): Detection {
  const unknown = (looksLike: string): Detection => ({ format: null, looksLike });
  if (head.length === 0 || /^\s*$/.test(head.toString('latin1'))) return unknown('empty');
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return unknown('UTF-16 text');
  if (head[0] === 0x1f && head[1] === 0x8b) return unknown('gzip-compressed');
  if (head.includes(0) || !isUtf8(head)) return unknown('binary');
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('<')) return detectXml(text);
  if (start.startsWith('{') || start.startsWith('[')) return detectJson(start);
  const first = start.slice(0, start.search(/\r?\n|$/));
  if (/^mode: *(set|count|atomic)\s*$/.test(first)) return { format: 'go-cover' };
  if (/^(TN|SF):/.test(first)) return { format: 'lcov' };
  return unknown('text in no known format');
}

function isUtf8(head: Buffer): boolean {
  // The head may end inside a character: allow up to 3 bytes cut off.
  for (let cut = 0; cut <= Math.min(3, head.length); cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      if (head.length < SNIFF_BYTES) return false;
    }
  }
  return false;
}

function detectXml(text: string): Detection {
  let rest = text.slice(PROLOG.exec(text)?.[0].length ?? 0);
  if (/^<!DOCTYPE\s+html/i.test(rest) || /^<html[\s>]/i.test(rest)) return { format: null, looksLike: 'HTML' };
  if (/^<!DOCTYPE/i.test(rest)) {
    // Istanbul's Cobertura names an external DTD (never fetched); an internal subset is where entities live.
    const doctype = EXTERNAL_DOCTYPE.exec(rest);
    if (!doctype) return { format: null, looksLike: 'XML with a DOCTYPE (DTDs and entities are refused)' };
    rest = rest.slice(doctype[0].length);
    rest = rest.slice(PROLOG.exec(rest)?.[0].length ?? 0);
  }
  const root = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest)?.[1];
  if (root === 'testsuites' || root === 'testsuite') return { format: 'junit' };
  if (root === 'coverage') return { format: 'cobertura' };
  if (root === 'report') return { format: 'jacoco' };
  if (root && root.toLowerCase() === 'html') return { format: null, looksLike: 'HTML' };
  if (root === 'failsafe-summary') return { format: null, looksLike: 'a Failsafe summary; match TEST-*.xml instead' };
  return { format: null, looksLike: 'XML, but not JUnit, Cobertura or JaCoCo' };
}

// coverage.py writes "meta" first (scalars only: format, version, timestamp ...), then "files", then "totals".
const COVERAGE_PY_JSON = /^\{\s*"meta"\s*:\s*\{((?:[^{}"]|"(?:[^"\\]|\\.)*")*)\}\s*,\s*"files"\s*:\s*\{/;

function detectJson(start: string): Detection {
  // coverage-summary.json begins with "total" (Istanbul writes it first); coverage-final.json with a file's map.
  if (/^\{\s*"total"\s*:\s*\{/.test(start)) return { format: 'json-summary' };
  const meta = COVERAGE_PY_JSON.exec(start)?.[1];
  if (meta !== undefined && /"(?:version|format)"\s*:/.test(meta)) return { format: 'coverage-py-json' };
  if (/"statementMap"\s*:/.test(start))
    return { format: null, looksLike: 'Istanbul coverage-final.json, not coverage-summary' };
  return { format: null, looksLike: "JSON, but not an Istanbul coverage-summary or coverage.py's coverage json" };
}

/** Refusal for a file in no known format. */
export function unknownFormatError(display: string, looksLike: string) {
  if (looksLike === 'empty') {
    return refuse(
      'REPORT_EMPTY',
      `${display} is empty.`,
      'Check that the test step wrote its report before collect ran.',
    );
  }
  if (looksLike.startsWith('XML with a DOCTYPE')) {
    return refuse(
      'REPORT_DTD',
      `${display} declares a DOCTYPE with an internal subset; DTDs and entity declarations are refused, not expanded.`,
      'Write the report without a DOCTYPE (no test reporter needs one).',
    );
  }
  return refuse(
    'REPORT_UNKNOWN_FORMAT',
    `${display} is in no known report format (it looks like ${looksLike}).`,
    FORMATS_FIX,
  );
}
