#!/usr/bin/env bash
# Regenerates packages/collect/__tests__/fixtures/<tool>/ reports with the real tools (not run by the tests).
# Needs: apt-get install -y python3-pytest python3-coverage golang-go gotestsum lcov gcc, and
# npm install --prefix /tmp/fixture-tools jest jest-junit mocha mocha-junit-reporter c8 nyc
# Each tool's own console output goes to <tool>/tool-output.txt; summary.json is written by hand from it.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FIX="$ROOT/packages/collect/__tests__/fixtures"
TOOLS="${FIXTURE_TOOLS:-/tmp/fixture-tools}/node_modules/.bin"
WORK=/tmp/collect-fixtures
rm -rf "$WORK" && mkdir -p "$WORK"

copy() { rm -rf "$WORK/$1" && cp -r "$FIX/$1/project" "$WORK/$1" && cd "$WORK/$1"; }

# jest 30 + jest-junit 17: JUnit, lcov and coverage-summary.json
copy jest
JEST_JUNIT_OUTPUT_DIR=. JEST_JUNIT_OUTPUT_NAME=junit.xml JEST_JUNIT_ADD_FILE_ATTRIBUTE=true \
  "$TOOLS/jest" --ci --reporters=default --reporters="${TOOLS%/.bin}/jest-junit" --coverage \
  --coverageReporters=lcov --coverageReporters=json-summary --coverageReporters=cobertura --coverageReporters=text-summary \
  > "$FIX/jest/tool-output.txt" 2>&1
cp junit.xml coverage/lcov.info coverage/coverage-summary.json "$FIX/jest/"
cp coverage/cobertura-coverage.xml "$FIX/jest/cobertura-coverage.xml"

# mocha 11 (mocha-junit-reporter 2.2 does not run under mocha 12) (spec for its own counts, then mocha-junit-reporter) under c8 and nyc
copy mocha
"$TOOLS/mocha" math.test.js > "$FIX/mocha/tool-output.txt" 2>&1
"$TOOLS/c8" --reporter=lcov --reporter=json-summary --reporter=text-summary --report-dir=c8 \
  "$TOOLS/mocha" --reporter mocha-junit-reporter --reporter-options mochaFile=junit.xml,includePending=true math.test.js \
  >> "$FIX/mocha/tool-output.txt" 2>&1
"$TOOLS/nyc" --reporter=lcovonly --reporter=json-summary --reporter=text-summary --report-dir=nyc \
  "$TOOLS/mocha" --reporter dot math.test.js >> "$FIX/mocha/tool-output.txt" 2>&1
cp junit.xml "$FIX/mocha/"
cp c8/lcov.info "$FIX/mocha/c8-lcov.info" && cp c8/coverage-summary.json "$FIX/mocha/c8-coverage-summary.json"
cp nyc/lcov.info "$FIX/mocha/nyc-lcov.info" && cp nyc/coverage-summary.json "$FIX/mocha/nyc-coverage-summary.json"

# pytest 7 (Debian) xunit1 and xunit2, coverage.py 6 Cobertura and JSON (the same run)
copy pytest
/usr/bin/python3 -m coverage run --source=. -m pytest -p no:cacheprovider -o junit_family=xunit1 --junitxml=xunit1.xml \
  > "$FIX/pytest/tool-output.txt" 2>&1
/usr/bin/python3 -m pytest -p no:cacheprovider -o junit_family=xunit2 --junitxml=xunit2.xml >> "$FIX/pytest/tool-output.txt" 2>&1
/usr/bin/python3 -m coverage xml -o coverage.xml >> "$FIX/pytest/tool-output.txt" 2>&1
/usr/bin/python3 -m coverage json -o coverage.json >> "$FIX/pytest/tool-output.txt" 2>&1
/usr/bin/python3 -m coverage report >> "$FIX/pytest/tool-output.txt" 2>&1
echo "== with --branch" >> "$FIX/pytest/tool-output.txt"
/usr/bin/python3 -m coverage run --branch --source=. -m pytest -p no:cacheprovider -q > /dev/null 2>&1
/usr/bin/python3 -m coverage xml -o coverage-branch.xml >> "$FIX/pytest/tool-output.txt" 2>&1
/usr/bin/python3 -m coverage json -o coverage-branch.json >> "$FIX/pytest/tool-output.txt" 2>&1
/usr/bin/python3 -m coverage report >> "$FIX/pytest/tool-output.txt" 2>&1
cp xunit1.xml xunit2.xml coverage.xml coverage.json coverage-branch.xml coverage-branch.json "$FIX/pytest/"

# go test + gotestsum, offline module without dependencies
copy go
export GOFLAGS=-mod=mod GOPROXY=off GOCACHE="$WORK/gocache"
gotestsum --format testname --junitfile junit.xml -- -coverprofile=cover.out ./... > "$FIX/go/tool-output.txt" 2>&1
go tool cover -func=cover.out >> "$FIX/go/tool-output.txt" 2>&1
cp junit.xml cover.out "$FIX/go/"

# gcc --coverage + lcov 1.16 (geninfo): two runs of the same program, then lcov's own union
copy lcov-geninfo
gcc --coverage -O0 -o calc calc.c
./calc > /dev/null && lcov -q --capture --directory . --output-file add.info
lcov -q --zerocounters --directory . && ./calc divide > /dev/null 2>&1
lcov -q --capture --directory . --output-file divide.info
lcov -q -a add.info -a divide.info -o merged.info
{ for f in add divide merged; do echo "== lcov --summary $f.info"; lcov --summary $f.info 2>&1; done; } \
  > "$FIX/lcov-geninfo/tool-output.txt"
cp add.info divide.info merged.info "$FIX/lcov-geninfo/"
echo "fixtures written to $FIX"
