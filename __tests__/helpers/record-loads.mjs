// Loaded with `node --import`: records every file a process loads as a module (one file: URL a line) in the file
// named by CI_SIGNING_RECORD_LOADS, so a test can tell which bundle chunks a run evaluated without timing anything.
import { register } from 'node:module';

if (process.env.CI_SIGNING_RECORD_LOADS) {
  register(new URL('./record-loads-hooks.mjs', import.meta.url), {
    data: { file: process.env.CI_SIGNING_RECORD_LOADS },
  });
}
