#!/usr/bin/env bash
# Ten million links: bench/run.sh --scale. Seeds 10,000,000 links with titles and tags into SQLite and measures the
# service as bench/run.sh starts it (its defaults, the create rate limit off): the time from its process's start until
# /health/ready answers, its peak RSS, redirects with clicks spread over all the links against redirects on 1,000 links
# in the same rounds, creates, and substring searches; checks the clicks after a graceful stop, and writes the
# "## Ten million links" section of bench/RESULTS.md, leaving the rest of the file as it is.
#
# SCALE_LINKS overrides the count, to try the script out (then it prints its tables and writes nothing); DURATION,
# ROUNDS and WARMUP as in bench/run.sh. The scratch folder is under TMPDIR (/tmp), which needs the room that
# disk_needed_gb says.
set -euo pipefail
cd "$(dirname "$0")/.."

FULL=10000000
LINKS=${SCALE_LINKS:-$FULL}
SAMPLE=$(( LINKS < 1000000 ? LINKS : 1000000 )) # codes per redirect run, drawn anew from all the links for each (see run_wrk)
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-4}
WARMUP=${WARMUP:-3}
READY_WITHIN=20         # the targets: seconds from the process's start to ready, peak RSS in MB, and redirects
RSS_WITHIN=1536         # against those with 1,000 links
REDIRECT_RATIO=0.85
REDIRECT_WRK="-t2 -c64" # as bench/run.sh's
SEARCH_WRK="-t1 -c2"    # as bench/search.sh's: two people searching at once

source bench/common.sh
install_tools

# The seeded database takes about 800 bytes a link (the search index most of them), the links' file 85 more until
# their codes are cut out of it.
disk_needed_gb() { echo $(( LINKS * 1000 / 1000000000 + 1 )); }
scratch=${TMPDIR:-/tmp}
free_gb=$(df -BG --output=avail "$scratch" | tail -1 | tr -dc 0-9)
if (( free_gb < $(disk_needed_gb) )); then
  echo "$scratch has $free_gb GB free; seeding $LINKS links needs about $(disk_needed_gb) GB (set TMPDIR to a roomier place)"
  exit 1
fi
work=$(mktemp -d "$scratch/shorturl-scale-XXXXXX")
declare -A pid port
cleanup() {
  stop_all
  rm -rf "$work"
}
trap cleanup EXIT
thousands() { sed -E ':a; s/([0-9])([0-9]{3})($|[^0-9])/\1,\2\3/; ta' <<<"$1"; }
large=$(thousands "$LINKS")

echo "== building Release into $work"
publish src/ShortUrl/ShortUrl.csproj bench/Seeder/Seeder.csproj

echo "== seeding 1,000 links, then $large with titles and tags"
seed_sqlite "$work/links-1000.db" 1000 "$work/links-1000.tsv"
cut -f1 "$work/links-1000.tsv" >"$work/codes-1000.txt"
# Creates go to a copy, so that the 1,000-link database the redirects compare with keeps its 1,000 links.
cp "$work/links-1000.db" "$work/creates-1000.db"
seed_started=$SECONDS
seed_sqlite "$work/links-large.db" "$LINKS" "$work/links-large.tsv" --labels
seed_seconds=$(( SECONDS - seed_started ))
cut -f1 "$work/links-large.tsv" >"$work/codes-large.txt"
rm "$work/links-large.tsv"
database_mb=$(( $(stat -c %s "$work/links-large.db") / 1048576 ))
seeder queries 10000 "$work/queries.txt"

# Alone on the machine's side of the benchmark, so that the start's time is its own: from the process's start until
# /health/ready answers 200, then until the redirect index has loaded what it holds (in the background: ready does not
# wait for it, and redirects to links it has not loaded yet read the database).
echo "== starting the service on $large links"
started=$(date +%s.%N)
launch_service large "Data Source=$work/links-large.db"
wait_healthy large /health/ready 600
ready_seconds=$(awk -v from="$started" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - from }')
ready_rss=$(peak_rss_mb large)
until grep -qE 'Redirect index (loaded|load stopped)' "$work/large.log"; do
  kill -0 "${pid[large]}" 2>/dev/null || { echo "the service exited while loading:"; cat "$work/large.log"; exit 1; }
  sleep 0.2
done
loaded_seconds=$(awk -v from="$started" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - from }')
index_links=$(grep -m1 -oE 'Redirect index (loaded: |load stopped at )[0-9]+' "$work/large.log" | grep -oE '[0-9]+$')
echo "   ready in $ready_seconds s (peak RSS $ready_rss MB); the redirect index held $index_links links after $loaded_seconds s"
start_service small "Data Source=$work/links-1000.db"
start_service creates "Data Source=$work/creates-1000.db"

scenarios=(redirects redirects-large creates creates-large search-large)
declare -A target=([redirects]=small [redirects-large]=large [creates]=creates [creates-large]=large [search-large]=large)
declare -A label=(
  [redirects]="redirects, 1,000 links, clicks counted"
  [redirects-large]="redirects, $large links, clicks counted"
  [creates]="creates (POST /api/urls, JSON), 1,000 links"
  [creates-large]="creates (POST /api/urls, JSON), $large links"
  [search-large]="search (GET /api/urls?q=), $large links")
declare -A requests seconds p50s p99s errors round_rates ticks silent
declare -A expected_clicks=([small]=0 [large]=0)

# Each redirect run over the large table visits $SAMPLE codes drawn at random from all of them, a new draw each run:
# wrk builds every request before the run (bench/wrk.lua), which for ten million codes would take gigabytes.
run_wrk() { # scenario seconds: leaves wrk's RESULT line in $result
  local name=$1 process=${target[$1]} ticks_before
  ticks_before=$(cpu_ticks "$process")
  case $name in
    redirects) drive "$process" "$2" "$REDIRECT_WRK" redirect "$work/codes-1000.txt" ;;
    redirects-large)
      shuf -n "$SAMPLE" "$work/codes-large.txt" >"$work/codes-sample.txt"
      drive "$process" "$2" "$REDIRECT_WRK" redirect "$work/codes-sample.txt" ;;
    creates*) drive "$process" "$2" "$REDIRECT_WRK" create ;;
    search-large) drive "$process" "$2" "$SEARCH_WRK" search "$work/queries.txt" ;;
  esac
  [[ $name == search* ]] || settle "$process"
  run_ticks=$(( $(cpu_ticks "$process") - ticks_before ))
  [[ $name != redirects* ]] || expected_clicks[$process]=$(( ${expected_clicks[$process]} + $(field gets) ))
}

echo "== warming up (${WARMUP}s each)"
for name in "${scenarios[@]}"; do run_wrk "$name" "$WARMUP"; done
# A search that fails is an error, not a fast answer: one of each kind before measuring.
while read -r query; do
  curl -fsS -o /dev/null -G "http://127.0.0.1:${port[large]}/api/urls" --data-urlencode "q=$query"
done < <(head -20 "$work/queries.txt")

run_rounds "${scenarios[@]}"
peak_rss=$(peak_rss_mb large)
small_rss=$(peak_rss_mb small)

echo "== graceful stop (SIGTERM) and click check"
declare -A clicks exit_code
stop large; exit_code[large]=$stopped_code
clicks[large]=$(seeder clicks "$work/links-large.db")
stop small; exit_code[small]=$stopped_code
clicks[small]=$(seeder clicks "$work/links-1000.db")
stop creates

declare -A rps p50 p99 cpu_us
for name in "${scenarios[@]}"; do
  rps[$name]=$(total_rate "$name")
  cpu_us[$name]=$(awk -v t="${ticks[$name]}" -v hz="$(getconf CLK_TCK)" -v r="${requests[$name]}" 'BEGIN { printf "%.1f", t / hz * 1e6 / r }')
  p50[$name]=$(median <<<"${p50s[$name]}")
  # The search's p99 is its worst round's, as in bench/search.sh; the others' the median of the rounds'.
  if [ "$name" = search-large ]; then p99[$name]=$(largest <<<"${p99s[$name]}"); else p99[$name]=$(median <<<"${p99s[$name]}"); fi
done
redirect_ratio=$(ratio "${rps[redirects-large]}" "${rps[redirects]}")
create_ratio=$(ratio "${rps[creates-large]}" "${rps[creates]}")

table=$(
  echo "| scenario | requests/s | × 1,000 links | p50 ms | p99 ms | errors | CPU µs/request |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for name in "${scenarios[@]}"; do
    case $name in
      redirects-large) versus=$redirect_ratio ;;
      creates-large) versus=$create_ratio ;;
      *) versus="" ;;
    esac
    echo "| ${label[$name]} | ${rps[$name]} | $versus | $(ms "${p50[$name]}") | $(ms "${p99[$name]}") | ${errors[$name]} | ${cpu_us[$name]} |"
  done
)
clicks_row() { # process what
  echo "| clicks exact after SIGTERM, $2 | ${clicks[$1]} clicks recorded for ${expected_clicks[$1]} redirects completed (exit code ${exit_code[$1]}) | $(clicks_verdict "${clicks[$1]}" "${expected_clicks[$1]}" "${exit_code[$1]}") |"
}
targets=$(
  echo "| target | measured | |"
  echo "|---|---|---|"
  echo "| ready in ≤ ${READY_WITHIN} s with $large links: from the process's start until \`/health/ready\` answers 200 | ${ready_seconds} s | $(check "$ready_seconds" '<=' "$READY_WITHIN") |"
  echo "| peak RSS ≤ 1.5 GB with $large links | ${peak_rss} MB | $(check "$peak_rss" '<=' "$RSS_WITHIN") |"
  echo "| redirects with clicks spread over $large links ≥ ${REDIRECT_RATIO}× those with 1,000 | ${redirect_ratio}× (${rps[redirects-large]} against ${rps[redirects]}/s) | $(check "$redirect_ratio" '>=' "$REDIRECT_RATIO") |"
  echo "| creates with $large links, zero errors, an answer in every round | ${errors[creates-large]} errors, ${silent[creates-large]} rounds without an answer (${rps[creates-large]}/s, ${create_ratio}× those with 1,000) | $( [ "${errors[creates-large]}" -eq 0 ] && [ "${silent[creates-large]}" -eq 0 ] && echo met || echo '**NOT met**') |"
  clicks_row large "$large links"
  clicks_row small "1,000 links"
)
rounds_table=$(
  echo "| scenario |$(for round in $(seq 1 "$ROUNDS"); do printf ' round %s |' "$round"; done)"
  echo "|---|$(for _ in $(seq 1 "$ROUNDS"); do printf -- '---:|'; done)"
  for name in "${scenarios[@]}"; do echo "| ${label[$name]}${round_rates[$name]} |"; done
)

section=$(cat <<MD
## Ten million links

Written by [\`bench/run.sh --scale\`](scale.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'): $(machine), shared with wrk (and
on this machine, with other work). See [README.md](README.md#ten-million-links) for what it measures.

$large links seeded into SQLite in ${seed_seconds} s (titles of three to five words and three links in ten with tags, as
for the search benchmark; the search index built once at the end), a database of ${database_mb} MB. The service runs
with its defaults (redirect index of up to 10,000,000 links, cache of 100,000) and the create rate limit off, as in
\`bench/run.sh\`, next to one with 1,000 links. Ready ${ready_seconds} s after its process started (peak RSS then
${ready_rss} MB), with the database in the page cache, as it is right after seeding; the redirect index, filled in the
background, held its $(thousands "$index_links") links ${loaded_seconds} s after the start.

Redirects: \`wrk ${REDIRECT_WRK}\`, a Chrome user agent, each run to $(thousands "$SAMPLE") codes drawn anew from all
$large (a random one of them per request), against the 1,000 codes of the small database in the same rounds.
Creates: \`wrk ${REDIRECT_WRK}\`, a new URL each, the 1,000 links' in a copy of that database. Searches: \`wrk
${SEARCH_WRK}\`, \`GET /api/urls?q=\` with a random line of the search benchmark's 10,000 texts, the search's p99
its worst round's. ${ROUNDS} rounds of ${DURATION} s taking turns (every other round in reverse order) after ${WARMUP} s
of warm-up each; requests/s are totals over the rounds, latencies the median of the rounds. Peak RSS is \`VmHWM\` of
the service at the end, after every round; the one with 1,000 links peaked at ${small_rss} MB.

$table

$targets

Substring search over $large links (no target; over 1,000,000 it is a median ≤ 50 ms and a p99 ≤ 200 ms):
median $(ms "${p50[search-large]}") ms, p99 $(ms "${p99[search-large]}") ms, ${errors[search-large]} errors.

Requests/s of each round:

$rounds_table
MD
)

echo
echo "$section"
if [ "$LINKS" -eq "$FULL" ]; then
  { without_section bench/RESULTS.md "Ten million links"; echo; echo "$section"; } >"$work/results.md"
  cp "$work/results.md" bench/RESULTS.md
  echo
  echo "written to the section \"Ten million links\" of bench/RESULTS.md"
else
  echo
  echo "not written to bench/RESULTS.md: $large links are not $(thousands "$FULL")"
fi
