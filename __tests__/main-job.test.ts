// The README's main-job command must stay true: keygen, sign, post, verify on the embedded server.
import { join } from 'node:path';
import { ROOT, runProcess } from './helpers/processes.js';

test('the main job ends VERIFIED and shows the check run and the verification summary', async () => {
  const run = await runProcess(process.execPath, [join(ROOT, 'scripts', 'run-ts.mjs'), join(ROOT, 'scripts', 'demo.ts')], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    timeoutMs: 240_000,
  });
  expect(run.stderr).not.toMatch(/main job failed/);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/gpg: VALIDSIG [0-9A-F]{40}/);
  expect(run.stdout).toMatch(/what GitHub shows on the commit/);
  expect(run.stdout).toMatch(/\| Thresholds \| ✅ \|/);
  expect(run.stdout).toMatch(/main job: VERIFIED\n$/);
}, 300_000);
