#!/usr/bin/env bash
# Runs every test of ShortUrl, as the README says: `./test.sh`.
# It first makes sure the machine has what the tests need, then runs the whole suite on SQLite and every test that
# touches the store again on a throwaway PostgreSQL server (tests/with-postgres.sh), and ends with one line
# "N passed, N failed" for both.
set -uo pipefail
cd "$(dirname "$0")"

# The browser tests drive a real Chromium (tests/ShortUrl.Tests/Browser): SHORTURL_CHROMIUM, else Debian's package.
chromium="${SHORTURL_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ] && [ -z "${SHORTURL_CHROMIUM:-}" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "No Chromium at $chromium; installing Debian's chromium package for the browser tests."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q --no-install-recommends chromium
fi
if [ ! -x "$chromium" ]; then
  echo "The browser tests need Chromium and there is none at $chromium. Install Debian's chromium package" \
       "(as root: apt-get install chromium) or set SHORTURL_CHROMIUM to a Chromium or Chrome executable," \
       "then run ./test.sh again." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test ShortUrl.sln -c Release --filter "Database!=Postgres" --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The same suite on PostgreSQL: every ShortUrlFactory gets a database of its own there. Tests marked
# [Trait("Database", "Sqlite")] are about SQLite itself, and those marked [Trait("Database", "Once")] cannot depend on
# the database (pure units, inputs refused before the store): both ran above only.
tests/with-postgres.sh dotnet test ShortUrl.sln -c Release --no-build --filter "Database!=Sqlite&Database!=Once" \
  --logger "console;verbosity=normal" 2>&1 | tee -a "$log"
postgres_status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] && status=$postgres_status

# The summary block of each test assembly: "Total tests: N", "Passed: N", "Failed: N".
count() { grep -E "^\s+$1: +[0-9]+\s*$" "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
# The deploy files, checked where a checker exists (deploy/check.sh): each check counts as one test.
deploy_out=$(deploy/check.sh 2>&1); deploy_status=$?
echo "$deploy_out"
deploy_counts=$(sed -nE 's/^deploy checks: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' <<<"$deploy_out")
deploy_counts=${deploy_counts:-0 1} # no summary line: check.sh itself broke
passed=$((passed + ${deploy_counts% *})); failed=$((failed + ${deploy_counts#* }))
[ "$deploy_status" -ne 0 ] && [ "$status" -eq 0 ] && status=$deploy_status
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the test host failed before any test could: count that as a failure, loudly.
  echo "The test run failed before reporting results (exit code $status); see above." >&2
  failed=1
fi
if [ "$failed" -gt 0 ]; then
  # Repeated at the end so that a failure is on the last screen of a long log.
  echo "Failed tests:"
  grep -E -A 12 "^\s+Failed [A-Za-z_]" "$log" | grep -v "^info: \|^      " | head -200
fi
if [ -d TestResults/screenshots ]; then
  echo "Screenshots of the page from the browser tests: $PWD/TestResults/screenshots"
fi
echo "$passed passed, $failed failed"
exit "$status"
