// The verify benchmark's library floor (not shipped): openpgp.js alone reads the trusted key and verifies the
// detached signature of the results file, as the verify action would, with nothing else (no @actions/core, no
// schema, no policy). bench-startup.ts bundles it the way scripts/build.mjs bundles the actions.
import { appendFileSync, readFileSync } from 'node:fs';
import * as openpgp from 'openpgp';

const resultsFile = process.env['INPUT_RESULTS-FILE'];
const verificationKeys = await openpgp.readKey({
  armoredKey: readFileSync(process.env['INPUT_TRUSTED-KEYS-FILE'], 'utf8'),
});
const bytes = readFileSync(resultsFile);
const { signatures } = await openpgp.verify({
  message: await openpgp.createMessage({ binary: bytes }),
  signature: await openpgp.readSignature({ armoredSignature: readFileSync(`${resultsFile}.asc`, 'utf8') }),
  verificationKeys,
  format: 'binary',
});
await signatures[0].verified;
JSON.parse(bytes.toString('utf8'));
appendFileSync(process.env.GITHUB_OUTPUT, 'verified=true\n');
