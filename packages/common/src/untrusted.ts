// How messages speak of content from a file or a remote: by its shape, never by quoting it (a results file
// symlinked to a credentials file, or a planted token, must not end up in a log).

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
