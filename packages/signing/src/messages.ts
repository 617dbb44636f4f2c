// openpgp's own messages, made safe to show in ours.

/**
 * First line of an openpgp error, shortened, with long base64-like runs (possible key material)
 * replaced. Hex runs (key ids, fingerprints) are kept.
 */
export function safeReason(error: unknown, maxLength = 160): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')[0]
    .replace(/[A-Za-z0-9+/=]{20,}/g, (run) => (/^[0-9A-Fa-f]+$/.test(run) ? run : '[...]'))
    .slice(0, maxLength);
}
