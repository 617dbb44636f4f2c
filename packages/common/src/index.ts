// Definitions every package shares, each in one place. Nothing here loads a heavy dependency at import.
export { formatBytes } from './bytes.js';
export { sha256Digest } from './digest.js';
export { formatSeconds, parseDuration, parseDurationMs, type DurationOptions } from './duration.js';
export {
  assertRegularFile,
  FILE_STREAM_CHUNK_BYTES,
  openFileStream,
  readBoundedFileSync,
  readBoundedFile,
  readBoundedText,
  readOptionalFile,
  writeFileAtomic,
  type FileStream,
  type ReadFileOptions,
} from './files.js';
export { parseNonNegativeInteger } from './numbers.js';
export { isoSeconds } from './time.js';
export {
  describeEnumValue,
  describeName,
  describeShape,
  quotableText,
  redactUrl,
  urlHasCredentials,
} from './untrusted.js';
export { truncateChars, truncateUtf8, truncateUtf8WithMarker, utf8Length } from './utf8.js';
