// The README's main-job command must stay true: keygen, sign, post, verify on the embedded server, then the
// same flow refusing four forgeries, each with the verifier's one-line reason.
import { join } from 'node:path';
import { ROOT, runProcess } from './helpers/processes.js';

test('the main job ends VERIFIED, shows what it signed, and refuses the four forgeries', async () => {
  const run = await runProcess(
    process.execPath,
    [join(ROOT, 'scripts', 'run-ts.mjs'), join(ROOT, 'scripts', 'demo.ts')],
    {
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeoutMs: 240_000,
    },
  );
  expect(run.stderr).not.toMatch(/main job failed/);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/gpg: VALIDSIG [0-9A-F]{40}/);
  expect(run.stdout).toMatch(/\.\/ci-results\.json:\n\{\n {2}"version": 1,[\s\S]*"tests": \{/);
  expect(run.stdout).toMatch(/what GitHub shows on the commit/);
  expect(run.stdout).toMatch(/\| Thresholds \| ✅ \|/);
  // Nothing was retried, so no attempts line.
  expect(run.stdout).not.toMatch(/attempts=/);
  for (const code of ['SIGNATURE_UNTRUSTED_KEY', 'BINDING_MISMATCH', 'SIGNATURE_INVALID', 'SIGNATURE_MISSING']) {
    expect(run.stdout).toMatch(new RegExp(`^refused: ${code}: .+\\.$`, 'm'));
  }
  expect(run.stdout).not.toMatch(/NOT REFUSED AS EXPECTED/);
  expect(run.stdout).toMatch(/main job: VERIFIED, and 4 forgeries refused\n$/);
}, 300_000);
