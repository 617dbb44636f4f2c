// Caps on what the signing package reads, so no input can stall or flood a verifier.
// TODO(merge): take these from packages/defaults LIMITS once it exists on this branch.

/** One trusted key entry (a file, or the trusted-keys input). */
export const MAX_TRUSTED_KEY_BYTES = 256 * 1024;
/** All trusted key entries together. */
export const MAX_TRUSTED_KEYS_TOTAL_BYTES = 1024 * 1024;
/** A detached signature, armored or binary. */
export const MAX_SIGNATURE_BYTES = 64 * 1024;
/** Signature packets in one detached signature; each costs a public-key operation. */
export const MAX_SIGNATURE_PACKETS = 8;
