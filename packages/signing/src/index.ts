export { normalizeArmor, splitArmorBlocks, type ArmorBlock } from './armor.js';
export { loadPrivateKey, type SigningKey } from './private-key.js';
export { signDetached } from './sign-detached.js';
export {
  loadTrustedKeys,
  parseTrustedFingerprints,
  TrustedKeyring,
  type LoadTrustedKeysOptions,
  type TrustedKeyMatch,
  type TrustedKeySource,
} from './trusted-keys.js';
export { verifyDetached, MAX_CLOCK_SKEW_MS, type SignatureCheck } from './verify-signature.js';
export { inspectSignature, readSignaturePackets, type SignatureInspection } from './signature-input.js';
export { generateKeyPair, type GenerateKeyPairOptions, type GeneratedKeyPair, type KeyAlgorithm } from './keygen.js';
export { MIN_RSA_BITS, WEAK_HASHES, STRONG_HASHES } from './algorithms.js';
export { fileSource, type FileSource, type SignedData } from './signed-data.js';
