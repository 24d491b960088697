#!/usr/bin/env bash
# The ceiling: how fast .NET answers a redirect on this machine when it does nothing else, against nginx and ShortUrl
# in the same interleaved rounds. bench/Ceiling answers from a ready response per link, below any HTTP framework: on
# .NET's sockets alone, and on Kestrel's transport with and without its inline scheduling. It tells how much of the
# gap between ShortUrl and nginx any redirect path written in .NET could close here. Usage: bench/ceiling.sh
# (DURATION, ROUNDS and WARMUP as in run.sh); writes bench/CEILING-RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-6}
WARMUP=${WARMUP:-3}

source bench/common.sh
install_tools
install_nginx
work=$(mktemp -d /tmp/shorturl-ceiling-XXXXXX)
declare -A pid port
cleanup() { stop_all; rm -rf "$work"; }
trap cleanup EXIT

echo "== building Release into $work"
publish src/ShortUrl/ShortUrl.csproj bench/Seeder/Seeder.csproj bench/Ceiling/Ceiling.csproj

echo "== seeding and starting"
seed_sqlite "$work/links.db" 10000 "$work/links.tsv"
cut -f1 "$work/links.tsv" >"$work/codes.txt"
first="/$(head -1 "$work/codes.txt")"
start_nginx nginx "$work/links.tsv"
start_service shorturl "Data Source=$work/links.db"
modes=(sockets kestrel kestrel-inline)
for mode in "${modes[@]}"; do
  port[$mode]=$(free_port)
  # Every socket inline, as ShortUrl sets Kestrel's (docs/redirect-fast-path.md, "Socket completions")
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT="$(nproc)" \
    dotnet "$work/Ceiling/Ceiling.dll" --mode "$mode" --port "${port[$mode]}" --links "$work/links.tsv" >"$work/$mode.log" 2>&1 &
  pid[$mode]=$!
  wait_healthy "$mode" "$first"
done

servers=(nginx shorturl "${modes[@]}")
declare -A label=(
  [nginx]="nginx: map of 10,000 links, return 302"
  [shorturl]="ShortUrl: 10,000 links, clicks counted"
  [sockets]="ceiling: .NET sockets alone, ready responses"
  [kestrel]="ceiling: Kestrel's transport, a connection middleware, ready responses"
  [kestrel-inline]="the same with Kestrel's inline scheduling")
declare -A requests seconds p50s p99s errors round_rates silent ticks

run_wrk() { # server seconds
  local before
  before=$(cpu_ticks "$1")
  drive "$1" "$2" "-t2 -c64" redirect "$work/codes.txt"
  [ "$1" = shorturl ] && settle shorturl
  run_ticks=$(( $(cpu_ticks "$1") - before ))
}

echo "== warming up (${WARMUP}s each)"
for name in "${servers[@]}"; do run_wrk "$name" "$WARMUP"; done
run_rounds "${servers[@]}"

declare -A rps p99
{
  echo "# The ceiling: .NET's fastest redirect on this machine"
  echo
  echo "\`bench/ceiling.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC; $(machine); nginx $(nginx -v 2>&1 | grep -oE '[0-9.]+$')."
  echo "\`wrk -t2 -c64\`, $ROUNDS interleaved rounds of ${DURATION} s, random codes of 10,000 links, a desktop Chrome user agent;"
  echo "requests/s over all rounds, p99 the median of the rounds'. What the ceilings are: \`bench/Ceiling/Program.cs\`;"
  echo "what it means: \`bench/README.md\`, \"The ceiling\"."
  echo
  echo "| server | requests/s | × nginx | p99 ms | × nginx | CPU µs/request | rounds (requests/s) |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  for name in "${servers[@]}"; do
    rps[$name]=$(total_rate "$name")
    p99[$name]=$(median <<<"${p99s[$name]}")
  done
  for name in "${servers[@]}"; do
    echo "| ${label[$name]} | ${rps[$name]} | $(ratio "${rps[$name]}" "${rps[nginx]}") | $(ms "${p99[$name]}") | $(ratio "${p99[$name]}" "${p99[nginx]}") | $(awk -v t="${ticks[$name]}" -v hz="$(getconf CLK_TCK)" -v r="${requests[$name]}" 'BEGIN { printf "%.1f", t / hz * 1e6 / r }') | $(sed 's/^ | //; s/ | /, /g' <<<"${round_rates[$name]}") |"
  done
} >bench/CEILING-RESULTS.md
cat bench/CEILING-RESULTS.md
