#!/usr/bin/env bash
# Runs every test of ShortUrl, as the README says: `./test.sh`.
# It first makes sure the machine has what the tests need, then runs the whole suite and ends with
# one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test ShortUrl.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The summary block of each test assembly: "Total tests: N", "Passed: N", "Failed: N".
count() { grep -E "^\s+$1: +[0-9]+\s*$" "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the test host failed before any test could: count that as a failure, loudly.
  echo "The test run failed before reporting results (exit code $status); see above." >&2
  failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
