// Sizes of the bundles in dist/<name>/ (every .js file: bootstrap, bundle and lazily loaded chunks), raw and gzipped.
// Used by the bundle tests (budget in scripts/bundle-budget.json) and the benchmark.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUNDLES = ['sign', 'post', 'verify', 'cli'] as const;
export type BundleName = (typeof BUNDLES)[number];

export interface BundleSize {
  /** All .js files of the bundle. */
  bytes: number;
  gzipBytes: number;
  /** The .js files, largest first, with their raw size. */
  files: { file: string; bytes: number }[];
}

export function measureBundle(folder: string): BundleSize {
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, content: readFileSync(join(folder, file)) }));
  return {
    bytes: files.reduce((sum, { content }) => sum + content.length, 0),
    gzipBytes: files.reduce((sum, { content }) => sum + gzipSync(content, { level: 9 }).length, 0),
    files: files.map(({ file, content }) => ({ file, bytes: content.length })).sort((a, b) => b.bytes - a.bytes),
  };
}

/** Marker strings that only the named library's code contains, to tell which chunk holds it. */
export const LIBRARY_MARKERS = {
  /** @octokit/core's user agent: evaluated by @actions/github at import. */
  githubClient: 'octokit-core.js/',
  /** undici's diagnostics channel name: @actions/http-client, and so @actions/core's OIDC helper, evaluates it. */
  httpClient: 'undici:client:beforeConnect',
  /** saxes's own error text: the XML reader of collect's report parsers. */
  reportParsers: 'disallowed character in entity name.',
  /** openpgp.js's config.versionString. */
  openpgp: 'OpenPGP.js',
} as const;
