// Tells the bundler which dependencies evaluate nothing at import but their own definitions, so that it can leave
// out the modules a bundle never uses. @actions/core declares no "sideEffects", so every bundle evaluated its OIDC
// helper, and with it @actions/http-client and undici (about 30 ms of each action's start-up), though only
// getIDToken, which we never call, uses them. The field is written into the installed package.json before ncc
// runs; Node ignores it, only the bundler reads it. It is left in place (the same content every time, written by
// rename), so builds that run at the same time never see a half-written file or each other's restore.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The versions whose every module was read and found to run nothing at import beyond definitions (no listeners,
 * no I/O, no globals). Another version stops the build until it is read the same way and added here.
 */
export const AUDITED = { '@actions/core': ['3.0.1'] };

export function markSideEffectFree(root) {
  for (const [name, versions] of Object.entries(AUDITED)) {
    const file = join(root, 'node_modules', name, 'package.json');
    const text = readFileSync(file, 'utf8');
    const manifest = JSON.parse(text);
    if (!versions.includes(manifest.version)) {
      throw new Error(
        `${name} ${manifest.version} is not among the versions read for side effects (${versions.join(', ')}); ` +
          `read its lib/*.js top levels, then add the version to AUDITED in scripts/side-effect-free.mjs.`,
      );
    }
    if (manifest.sideEffects === false) continue;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ ...manifest, sideEffects: false }, null, 2)}\n`);
    renameSync(temporary, file);
  }
}
