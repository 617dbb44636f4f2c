// How messages speak of content from a file or a remote: by its shape, never by quoting it (a results file
// symlinked to a credentials file, or a planted token, must not end up in a log).
import { stripControl } from '../../errors/src/index.js';

/** The type and length of a value: "a string of 40 characters", "an array of 3 items", "a number". */
export function describeShape(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string') return `a string of ${value.length} character${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}

/**
 * For enum-like fields only: a short lower-case word (at most 20 characters of a-z and _) is shown quoted,
 * so a typo like "sucess" is still seen; anything else by its shape.
 */
export function describeEnumValue(value: unknown): string {
  if (typeof value === 'string' && value.length <= 20 && /^[a-z_]+$/.test(value)) return JSON.stringify(value);
  return describeShape(value);
}

/** A URL for messages: scheme, host and path, without user, password, query or fragment. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return `a value of ${url.length} characters that is not a URL`;
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/** True when the URL carries credentials (user or password before the host). */
export function urlHasCredentials(url: string): boolean {
  return URL.canParse(url) && (new URL(url).username !== '' || new URL(url).password !== '');
}

// A run of word characters this long could be a token (ghp_..., a JWT part, a key); a 40-hex commit sha is not.
const SECRET_LIKE = /[A-Za-z0-9_]{20,}/g;
const COMMIT_SHA = /^[0-9a-fA-F]{40}$/;

/**
 * Remote or file text that a message may quote (GitHub's error messages, a check name): every run that could be
 * a secret is replaced by its length, so a planted token never reaches a log. Expects one line of text.
 */
export function quotableText(text: string): string {
  return text.replace(SECRET_LIKE, (run) => (COMMIT_SHA.test(run) ? run : `[${run.length} characters not shown]`));
}

/** A name from content (the results' `check`): quoted when short and nothing in it could be a secret. */
export function describeName(value: unknown): string {
  if (
    typeof value === 'string' &&
    value.length <= 100 &&
    quotableText(value) === value &&
    stripControl(value) === value
  ) {
    return JSON.stringify(value);
  }
  return describeShape(value);
}
