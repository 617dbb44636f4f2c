#!/usr/bin/env bash
# Every test: type-check, lint, the dist-is-current check, unit, process, GnuPG interop and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm test
