#!/usr/bin/env bash
# The benchmark: ShortUrl against nginx (a map of the same links, return 302) and a bare Kestrel baseline, on SQLite
# and PostgreSQL, measured in one run so that the ratios hold on a busy machine. Usage: bench/run.sh   (DURATION, ROUNDS and WARMUP, in seconds and counts, override the defaults; SCENARIOS,
# a list of scenario names, runs only those and prints their rates without writing bench/RESULTS.md, e.g.
# SCENARIOS="redirects redirects-metrics" DURATION=2 ROUNDS=2 WARMUP=1 bench/run.sh). bench/run.sh --scale runs the ten
# million links' benchmark (bench/scale.sh) instead.
#
# It builds Release, seeds two fresh databases (1,000 and 1,000,000 links), starts the service on each and the
# baseline (bench/Baseline) on the same 1,000 links, drives each with the same wrk settings, prints the table,
# checks the clicks after a graceful stop, and writes everything to bench/RESULTS.md; then runs bench/search.sh and adds
# its tables there.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = --scale ] && exec bench/scale.sh

DURATION=${DURATION:-8}   # seconds per measured wrk run
ROUNDS=${ROUNDS:-4}       # the scenarios take turns this many times, so a burst of noise hits all of them alike;
                          # an even count runs as many rounds in each order
WARMUP=${WARMUP:-3}       # seconds of unmeasured load per scenario before the first round
WRK=(wrk -t2 -c64 "-d${DURATION}s" --timeout 5s)
ROOT=$PWD

source bench/common.sh
install_tools
work=$(mktemp -d /tmp/shorturl-bench-XXXXXX)
declare -A pid port
cleanup() {
  stop_all
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building Release into $work"
publish src/ShortUrl/ShortUrl.csproj bench/Baseline/Baseline.csproj bench/Seeder/Seeder.csproj

scenarios=(${SCENARIOS:-nginx redirects-10k baseline redirects redirects-pg redirects-metrics redirects-1m redirects-1m-hot creates creates-pg recent})
wants() { [[ " ${scenarios[*]} " == *" $1 "* ]]; }
needs_million=0
{ wants redirects-1m || wants redirects-1m-hot; } && needs_million=1
needs_10k=0
{ wants nginx || wants redirects-10k; } && needs_10k=1
wants nginx && install_nginx
needs_pg=0
{ wants redirects-pg || wants creates-pg; } && needs_pg=1

echo "== seeding"
sizes=(1000); (( needs_10k )) && sizes+=(10000); (( needs_million )) && sizes+=(1000000)
for size in "${sizes[@]}"; do
  seed_sqlite "$work/links-$size.db" "$size" "$work/links-$size.tsv"
  cut -f1 "$work/links-$size.tsv" >"$work/codes-$size.txt"
done
if (( needs_pg )); then
  # The same 1,000 links in a throwaway PostgreSQL (bench/common.sh: start_postgres), migrated by the service
  start_postgres
  start_service svcpg-migrate "$postgres_connection" --ShortUrl:Database=Postgres
  stop svcpg-migrate
  seeder seed-postgres "$postgres_connection" 1000 "$work/links-pg.tsv"
  cut -f1 "$work/links-pg.tsv" >"$work/codes-pg.txt"
fi
# The same 1,000 links for the service with metrics on, in a file of its own so that its clicks are checked apart.
cp "$work/links-1000.db" "$work/links-1000m.db"
# 1,000 codes spread over the million, for visits to a few links of a large table
(( needs_million )) && awk 'NR % 1000 == 1' "$work/codes-1000000.txt" >"$work/codes-1000000-hot.txt"

echo "== starting"
port[baseline]=$(free_port)
ASPNETCORE_ENVIRONMENT=Production dotnet "$work/Baseline/Baseline.dll" --urls "http://127.0.0.1:${port[baseline]}" \
  --links "$work/links-1000.tsv" >"$work/baseline.log" 2>&1 &
pid[baseline]=$!
wait_healthy baseline "/$(head -1 "$work/codes-1000.txt")"
start_service svc1000 "Data Source=$work/links-1000.db"
# Metrics on as an operator turns them on: Prometheus on a port of its own, scraped once per run (see run_wrk).
metrics_port=$(free_port)
start_service svc1000m "Data Source=$work/links-1000m.db" --ShortUrl:Metrics:Prometheus=true "--ShortUrl:Metrics:Port=$metrics_port"
(( needs_million )) && start_service svc1000000 "Data Source=$work/links-1000000.db"
(( needs_pg )) && start_service svcpg "$postgres_connection" --ShortUrl:Database=Postgres
(( needs_10k )) && start_service svc10000 "Data Source=$work/links-10000.db"
# nginx answering from a map of the same 10,000 links (bench/common.sh: start_nginx)
wants nginx && start_nginx nginx "$work/links-10000.tsv"

# scenario -> process, wrk mode and arguments. Each pair a target compares runs side by side (the baseline and redirects
# with 1,000 links; those and redirects with 1,000,000), so that a slow change in how busy the machine is touches both
# of a pair alike.
declare -A target=([nginx]=nginx [redirects-10k]=svc10000 [baseline]=baseline [redirects]=svc1000 [redirects-pg]=svcpg [creates-pg]=svcpg [redirects-metrics]=svc1000m [redirects-1m-hot]=svc1000000
  [redirects-1m]=svc1000000 [creates]=svc1000 [recent]=svc1000)
declare -A args=(
  [nginx]="redirect $work/codes-10000.txt"
  [redirects-10k]="redirect $work/codes-10000.txt"
  [baseline]="redirect $work/codes-1000.txt"
  [redirects]="redirect $work/codes-1000.txt"
  [redirects-pg]="redirect $work/codes-pg.txt"
  [creates-pg]="create"
  [redirects-metrics]="redirect $work/codes-1000.txt"
  [redirects-1m-hot]="redirect $work/codes-1000000-hot.txt"
  [redirects-1m]="redirect $work/codes-1000000.txt"
  [creates]="create"
  [recent]="recent")
declare -A label=(
  [nginx]="nginx: map of 10,000 links, return 302"
  [redirects-10k]="redirects, 10,000 links, clicks counted"
  [baseline]="baseline: bare Kestrel, dictionary of 1,000 links"
  [redirects]="redirects, 1,000 links, clicks counted"
  [redirects-pg]="redirects, 1,000 links, clicks counted, PostgreSQL"
  [creates-pg]="creates (POST /api/urls, JSON), PostgreSQL"
  [redirects-metrics]="redirects, 1,000 links, clicks counted, metrics on"
  [redirects-1m-hot]="redirects, 1,000,000 links, visits to 1,000 of them"
  [redirects-1m]="redirects, 1,000,000 links, clicks counted"
  [creates]="creates (POST /api/urls, JSON)"
  [recent]="recent (GET /api/urls/recent)")
declare -A requests seconds p50s p99s errors gets rss ticks round_rates silent
declare -A expected_clicks=([svc1000]=0 [svc1000m]=0 [svc1000000]=0 [svc10000]=0 [svcpg]=0)

# The CPU a scenario costs: its process's, and on PostgreSQL the server's too (on SQLite the database works inside the
# service's own process).
scenario_ticks() { # process
  if [ "$1" = svcpg ]; then echo $(( $(cpu_ticks "$1") + $(postgres_ticks) )); else cpu_ticks "$1"; fi
}

run_wrk() { # scenario seconds: leaves wrk's RESULT line in $result
  local name=$1 process=${target[$1]} ticks_before
  ticks_before=$(scenario_ticks "$process")
  # shellcheck disable=SC2086
  drive "$process" "$2" "-t2 -c64" ${args[$name]}
  if [[ ${args[$name]} == redirect* && $process == svc* ]] || [[ $name == creates* ]]; then
    # After creates, the search indexer takes the new links in (docs/architecture.md): its work is the creates' own.
    settle "$process"
  fi
  run_ticks=$(( $(scenario_ticks "$process") - ticks_before ))
  if [[ $process == svc* ]]; then
    expected_clicks[$process]=$(( ${expected_clicks[$process]} + $(field gets) ))
  fi
  if [ "$process" = svc1000m ]; then
    curl -fs -o /dev/null "http://127.0.0.1:$metrics_port/metrics" || { echo "no /metrics on port $metrics_port"; exit 1; }
  fi
}

echo "== warming up (${WARMUP}s each)"
for name in "${scenarios[@]}"; do run_wrk "$name" "$WARMUP"; done

# Every other round in reverse (bench/common.sh: run_rounds), so that within each pair either runs first as often as the other
after_run() { rss[$1]=$(peak_rss_mb "${target[$1]}"); }
run_rounds "${scenarios[@]}"

# The latencies of a scenario are the median over its rounds; requests/s are its total over its total time.
declare -A rps p50 p99 cpu_us
for name in "${scenarios[@]}"; do
  rps[$name]=$(total_rate "$name")
  cpu_us[$name]=$(awk -v t="${ticks[$name]}" -v hz="$(getconf CLK_TCK)" -v r="${requests[$name]}" 'BEGIN { printf "%.1f", t / hz * 1e6 / r }')
  p50[$name]=$(median <<<"${p50s[$name]}")
  p99[$name]=$(median <<<"${p99s[$name]}")
done

nginx_ratio=$(ratio "${rps[redirects-10k]:-0}" "${rps[nginx]:-0}")
nginx_p99_ratio=$(ratio "${p99[redirects-10k]:-0}" "${p99[nginx]:-0}")
metrics_ratio=$(awk -v a="${rps[redirects-metrics]:-0}" -v b="${rps[redirects]:-0}" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }')
if [ -n "${SCENARIOS:-}" ]; then
  for name in "${scenarios[@]}"; do
    printf '%-18s %8s req/s  CPU %s µs/request  peak RSS %s MB\n' "$name" "${rps[$name]}" "${cpu_us[$name]}" "${rss[$name]}"
  done
  echo "redirects with metrics on / off: ${metrics_ratio}× (target ≥ 0.95)"
  echo "PostgreSQL / SQLite: redirects $(ratio "${rps[redirects-pg]:-0}" "${rps[redirects]:-0}")× (target ≥ 0.9), creates $(ratio "${rps[creates-pg]:-0}" "${rps[creates]:-0}")× (target ≥ 0.5)"
  echo "redirects with 10,000 links / nginx: ${nginx_ratio}× requests/s (target ≥ 1.0), p99 ${nginx_p99_ratio}× (target ≤ 1.5)"
  echo "redirects / baseline: $(ratio "${rps[redirects]:-0}" "${rps[baseline]:-0}")× requests/s; not written to bench/RESULTS.md"
  exit 0
fi

echo "== graceful stop (SIGTERM) and click check"
declare -A clicks exit_code
for process in svc1000 svc1000m svc1000000 svc10000 svcpg; do
  stop "$process"
  exit_code[$process]=$stopped_code
  if [ "$process" = svcpg ]; then
    clicks[$process]=$(seeder clicks-postgres "$postgres_connection")
  else
    clicks[$process]=$(seeder clicks "$work/links-${process#svc}.db")
  fi
done
for process in baseline nginx; do
  kill "${pid[$process]}"; wait "${pid[$process]}" 2>/dev/null || true; unset "pid[$process]"
done


table=$(
  echo "| scenario | requests/s | × baseline | p50 ms | × baseline | p99 ms | × baseline | errors | peak RSS MB | × baseline | CPU µs/request | × baseline |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in "${scenarios[@]}"; do
    echo "| ${label[$name]} | ${rps[$name]} | $(ratio "${rps[$name]}" "${rps[baseline]}") | $(ms "${p50[$name]}") | $(ratio "${p50[$name]}" "${p50[baseline]}") | $(ms "${p99[$name]}") | $(ratio "${p99[$name]}" "${p99[baseline]}") | ${errors[$name]} | ${rss[$name]} | $(ratio "${rss[$name]}" "${rss[baseline]}") | ${cpu_us[$name]} | $(ratio "${cpu_us[$name]}" "${cpu_us[baseline]}") |"
  done
)
redirect_ratio=$(ratio "${rps[redirects]}" "${rps[baseline]}")
p99_ratio=$(ratio "${p99[redirects]}" "${p99[baseline]}")
size_ratio=$(ratio "${rps[redirects-1m]}" "${rps[redirects]}")
hot_ratio=$(ratio "${rps[redirects-1m-hot]}" "${rps[redirects]}")
create_ratio=$(ratio "${rps[creates]}" "${rps[baseline]}")
pg_redirect_ratio=$(ratio "${rps[redirects-pg]}" "${rps[redirects]}")
pg_create_ratio=$(ratio "${rps[creates-pg]}" "${rps[creates]}")
clicks_line() { # process
  echo "${clicks[$1]} clicks recorded for ${expected_clicks[$1]} redirects completed (exit code ${exit_code[$1]}): $(clicks_verdict "${clicks[$1]}" "${expected_clicks[$1]}" "${exit_code[$1]}")"
}
targets=$(
  echo "| target | measured | |"
  echo "|---|---|---|"
  echo "| redirects with clicks counted, 10,000 links ≥ 1.0× nginx requests/s | ${nginx_ratio}× (${rps[redirects-10k]} against ${rps[nginx]}/s) | $(check "$nginx_ratio" '>=' 1.0) |"
  echo "| their p99 ≤ 1.5× nginx's p99 | ${nginx_p99_ratio}× ($(ms "${p99[redirects-10k]}") against $(ms "${p99[nginx]}") ms) | $(check "$nginx_p99_ratio" '<=' 1.5) |"
  echo "| redirects with click counting ≥ 0.85× baseline requests/s | ${redirect_ratio}× | $(check "$redirect_ratio" '>=' 0.85) |"
  echo "| their p99 ≤ 2× baseline p99 | ${p99_ratio}× | $(check "$p99_ratio" '<=' 2) |"
  echo "| redirects with metrics on (Prometheus) ≥ 0.95× the same with metrics off | ${metrics_ratio}× | $(check "$metrics_ratio" '>=' 0.95) |"
  echo "| redirects with 1,000,000 links ≥ 0.9× those with 1,000 | ${size_ratio}× | $(check "$size_ratio" '>=' 0.9) |"
  echo "| creates ≥ 0.25× baseline redirects/s, zero errors | ${create_ratio}×, ${errors[creates]} errors | $( [ "${errors[creates]}" -eq 0 ] && check "$create_ratio" '>=' 0.25 || echo '**NOT met**') |"
  echo "| PostgreSQL: redirects ≥ 0.9× SQLite's (1,000 links, clicks counted) | ${pg_redirect_ratio}× | $(check "$pg_redirect_ratio" '>=' 0.9) |"
  echo "| PostgreSQL: creates ≥ 0.5× SQLite's, zero errors | ${pg_create_ratio}×, ${errors[creates-pg]} errors | $( [ "${errors[creates-pg]}" -eq 0 ] && check "$pg_create_ratio" '>=' 0.5 || echo '**NOT met**') |"
  echo "| PostgreSQL: clicks exact after SIGTERM | $(clicks_line svcpg | cut -d: -f1) | $(clicks_line svcpg | cut -d: -f2 | tr -d ' ') |"
  echo "| clicks exact after SIGTERM, 1,000 links | $(clicks_line svc1000 | cut -d: -f1) | $(clicks_line svc1000 | cut -d: -f2 | tr -d ' ') |"
  echo "| clicks exact after SIGTERM, 1,000 links, metrics on | $(clicks_line svc1000m | cut -d: -f1) | $(clicks_line svc1000m | cut -d: -f2 | tr -d ' ') |"
  echo "| clicks exact after SIGTERM, 10,000 links | $(clicks_line svc10000 | cut -d: -f1) | $(clicks_line svc10000 | cut -d: -f2 | tr -d ' ') |"
  echo "| clicks exact after SIGTERM, 1,000,000 links | $(clicks_line svc1000000 | cut -d: -f1) | $(clicks_line svc1000000 | cut -d: -f2 | tr -d ' ') |"
  echo "| peak RSS ≤ 250 MB with 1,000,000 links | ${rss[redirects-1m]} MB | $(check "${rss[redirects-1m]}" '<=' 250) |"
)

spread="Not a target, to tell the table's size from the spread of the clicks: with 1,000,000 links and visits to
1,000 of them (every thousandth code), redirects ran at ${hot_ratio}× the rate with 1,000 links. Between that and the
million-link figure lies the spread alone: a batch of clicks on a thousand links rewrites at most a page per link of
the click and visit tables, one spread over a million links nearly every page of both."

rounds_table=$(
  echo "| scenario |$(for round in $(seq 1 "$ROUNDS"); do printf ' round %s |' "$round"; done)"
  echo "|---|$(for _ in $(seq 1 "$ROUNDS"); do printf -- '---:|'; done)"
  for name in "${scenarios[@]}"; do echo "| ${label[$name]}${round_rates[$name]} |"; done
)

echo
echo "$table"
echo
echo "$targets"
echo
echo "$spread"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
# The sections this run does not repeat stay as the runs that made them wrote them (each says when): the search's when
# SEARCH=0, and the ten million links' of bench/run.sh --scale.
kept_search=$(section_of bench/RESULTS.md Search)
kept_scale=$(section_of bench/RESULTS.md "Ten million links")
cat >bench/RESULTS.md <<MD
# Benchmark results

Written by [\`bench/run.sh\`](run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores, ${cpu}, $(dotnet --version) SDK,
shared with wrk (and on this machine, with other work). Rerun with \`bench/run.sh\`; the ratios are what to compare,
since every figure here comes from the same run.

Command: \`${WRK[*]} -s bench/wrk.lua\`, per scenario, ${ROUNDS} rounds of ${DURATION} s taking turns (every other
round in reverse order) after ${WARMUP} s of warm-up for each. Requests/s are totals over the rounds; latencies are
the median of the rounds. Errors are non-2xx/3xx answers plus socket errors and timeouts. Peak RSS is \`VmHWM\` of the
process serving the scenario.
CPU µs/request is the user and system time that process spent during the scenario's rounds (on PostgreSQL, with the
server's processes'), background work such as the click writer included (after each redirect round the script waits out the writer's longest rest, 3 s, and then
until the process is idle, so that the round's last write counts in its own round and not in the next scenario), over
the requests completed: unlike requests/s it does not depend on how much of the
machine the process got, so it shows where a ratio comes from when neighbours make the rates noisy.
Redirects are not followed and go to random codes of the seeded set; with 1,000,000 links most of them are the
code's first visit in a while. Their requests are built once, before the run, so that wrk's own work per request does
not grow with the number of codes, and every wrk thread starts sending at one moment set ahead of the run (wrk starts
its first thread while the second is still reading its codes); their rate is over exactly that sending time. The
service runs with its defaults (redirect index of up to 10,000,000 links, cache of 100,000, clicks written every
50 ms, or when writes are slow after a rest of eight times the last write's time, up to 3 s or 250,000 visits; server
GC with dynamic adaptation) and the create rate limit off. nginx $(nginx -v 2>&1 | grep -oE '[0-9]+(\.[0-9]+)+') answers
from \`map \$uri \$target\` over the same 10,000 links with \`return 302\`, 2 workers, access log off; its CPU time
and RSS are its master's and workers' together. PostgreSQL ${postgres_version:-} runs with its default durability
(\`fsync\` and \`synchronous_commit\` on); SQLite with WAL and \`synchronous = NORMAL\`, which does not sync each commit.
Redirect requests carry a desktop Chrome user agent.

$table

$targets

$spread

Requests/s of each round, to show how much a single round moves on this machine (the totals above weigh each round
by its length):

$rounds_table

Clicks are checked after the service has been stopped with SIGTERM: the sum of \`clicks\` in the database must
equal the GET redirects wrk completed, warm-up included (each redirect run stops sending a second before wrk stops,
so that no GET is still in flight, served and counted but not seen by wrk, when it does).
MD
echo
echo "written to bench/RESULTS.md"

# Search over a million links and what its index costs creates: a script of its own, since it
# seeds databases of its own on both engines. SEARCH=0 leaves it out.
if [ "${SEARCH:-1}" != 0 ]; then
  echo
  echo "== search (bench/search.sh)"
  SEARCH_RESULTS="$work/search.md" bench/search.sh
  { echo; echo "## Search"; tail -n +2 "$work/search.md"; } >>bench/RESULTS.md
  echo "search results added to bench/RESULTS.md"
elif [ -n "$kept_search" ]; then
  printf '\n%s\n' "$kept_search" >>bench/RESULTS.md
fi
[ -z "$kept_scale" ] || printf '\n%s\n' "$kept_scale" >>bench/RESULTS.md
