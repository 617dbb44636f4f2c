// Test failures as check-run annotations, within GitHub's per-annotation and per-request limits.

import { truncateChars, truncateUtf8WithMarker } from './utf8.js';

export const ANNOTATIONS_PER_REQUEST = 50;
const TITLE_MAX_CHARS = 255;
const MESSAGE_MAX_BYTES = 64 * 1024 - 1;

export interface FailureLike {
  name: string;
  message?: string;
  file?: string;
  line?: number;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure';
  title: string;
  message: string;
}

/** One annotation per failure, in order; failures without a file are pinned to `fallbackPath`. */
export function failuresToAnnotations(
  failures: readonly FailureLike[] | undefined,
  fallbackPath: string,
): Annotation[] {
  return (failures ?? []).map((failure) => {
    const line = Number.isInteger(failure.line) && (failure.line as number) >= 1 ? (failure.line as number) : 1;
    const name = String(failure.name ?? '').trim() || 'Failed test';
    const message = String(failure.message ?? '').trim() || name;
    return {
      path: normalizePath(failure.file) || fallbackPath,
      start_line: line,
      end_line: line,
      annotation_level: 'failure',
      title: truncateChars(name, TITLE_MAX_CHARS),
      message: truncateUtf8WithMarker(message, MESSAGE_MAX_BYTES),
    };
  });
}

/** Repository-relative, forward slashes. */
function normalizePath(file: string | undefined): string {
  if (typeof file !== 'string') return '';
  return file
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '');
}
