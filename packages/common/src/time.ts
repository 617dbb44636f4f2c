// The one time format: ISO 8601 in UTC to the second, as GitHub writes check-run times.

/** `2024-05-01T12:00:00Z` (milliseconds dropped). */
export function isoSeconds(date: Date | string | number): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
