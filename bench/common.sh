# What bench/run.sh, bench/search.sh and bench/scale.sh share; sourced by each, with $work (their scratch folder) and
# the arrays pid, port (by process name) declared.

install_tools() { # wrk and curl, from Debian's packages when missing
  if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk curl >/dev/null
  fi
}

install_nginx() { # Debian's nginx-light, when there is no nginx
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx-light >/dev/null
  fi
}

# nginx as many use it instead of a shortener for static links: a map from path to target and `return 302`, two
# workers, no access log, on 127.0.0.1 only. Connections are kept for as many requests as wrk sends on them, as Kestrel
# keeps them, so that neither pays for reconnects the other does not.
start_nginx() { # name links.tsv ("code<TAB>url" lines)
  local name=$1 links=$2 dir="$work/$1" nginx
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
  mkdir -p "$dir/temp"
  awk -F'\t' '{ printf "/%s \"%s\";\n", $1, $2 }' "$links" >"$dir/map.conf"
  port[$name]=$(free_port)
  cat >"$dir/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  map_hash_max_size 65536;
  map_hash_bucket_size 128;
  map \$uri \$target {
    default "";
    include $dir/map.conf;
  }
  server {
    listen 127.0.0.1:${port[$name]};
    location / {
      if (\$target = "") { return 404; }
      return 302 \$target;
    }
  }
}
CONF
  "$nginx" -c "$dir/nginx.conf" -e "$dir/error.log" >"$work/$name.log" 2>&1 &
  pid[$name]=$!
  wait_healthy "$name" "/$(head -1 "$links" | cut -f1)"
}

# A throwaway PostgreSQL for run.sh's PostgreSQL scenarios: Debian's postgresql package (installed when missing), a
# cluster in $work, on 127.0.0.1 and a free port, with the server's default durability (fsync and synchronous_commit
# on), as an operator runs it; unlike tests/with-postgres.sh, whose server skips fsync. Leaves a connection string to
# the database `shorturl` in $postgres_connection and the psql URL in $postgres_url; stop_postgres stops it.
postgres_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }; done
  return 1
}
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_postgres() {
  local bin
  if ! bin=$(postgres_bin); then
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bin=$(postgres_bin)
  fi
  postgres_dir="$work/postgres"
  mkdir -p "$postgres_dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$postgres_dir" && chmod o+x "$work"
  as_postgres "$bin/initdb" -D "$postgres_dir/db" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/postgres-initdb.log" 2>&1 \
    || { cat "$work/postgres-initdb.log"; exit 1; }
  port[postgres]=$(free_port)
  as_postgres "$bin/pg_ctl" -D "$postgres_dir/db" -l "$postgres_dir/server.log" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -c port=${port[postgres]} -c unix_socket_directories='' -c max_connections=300" >/dev/null \
    || { cat "$postgres_dir/server.log"; exit 1; }
  postgres_pg_ctl="$bin/pg_ctl"
  postgres_url="postgresql://postgres@127.0.0.1:${port[postgres]}"
  psql -v ON_ERROR_STOP=1 -q "$postgres_url/postgres" -c "CREATE DATABASE shorturl"
  postgres_connection="Host=127.0.0.1;Port=${port[postgres]};Username=postgres;Database=shorturl"
  postgres_version=$("$bin/postgres" --version | grep -oE '[0-9]+(\.[0-9]+)*' | head -1)
}
postgres_ticks() { # user + system time of the throwaway server's processes, in clock ticks, those already ended included
  local main p
  main=$(head -1 "$postgres_dir/db/postmaster.pid")
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$main/stat"
    for p in $(pgrep -P "$main" || true); do awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true; done
  } | awk '{ t += $1 } END { print t + 0 }'
}
stop_postgres() {
  if [ -n "${postgres_pg_ctl:-}" ] && [ -f "$postgres_dir/db/postmaster.pid" ]; then
    as_postgres "$postgres_pg_ctl" -D "$postgres_dir/db" -m fast stop >/dev/null 2>&1 || true
  fi
}

publish() { # project...: Release builds into $work/<project name>
  local project name
  for project in "$@"; do
    name=$(basename "$project" .csproj)
    dotnet publish "$project" -c Release -o "$work/$name" --nologo -v quiet -p:TreatWarningsAsErrors=true >/dev/null
  done
}
seeder() { dotnet "$work/Seeder/Seeder.dll" "$@"; }

# A fresh SQLite database of <count> links: the service creates the schema from migrations/ on a first start, the seeder
# fills it in one transaction and writes its links as "code<TAB>url" lines.
seed_sqlite() { # database count links.tsv [--labels]
  local name
  name="migrate-$(basename "$1" .db)"
  start_service "$name" "Data Source=$1"
  stop "$name"
  seeder seed "$@"
}

free_port() {
  local p
  while :; do
    p=$((10000 + RANDOM % 20000)) # below the ephemeral range (32768-) that outgoing connections take
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

wait_healthy() { # name path [seconds]: until the path answers 2xx, at most 60 seconds unless told
  local deadline=$(( SECONDS + ${3:-60} ))
  while (( SECONDS < deadline )); do
    curl -fs -o /dev/null "http://127.0.0.1:${port[$1]}$2" && return 0
    kill -0 "${pid[$1]}" 2>/dev/null || { echo "$1 exited during start:"; cat "$work/$1.log"; exit 1; }
    sleep 0.05
  done
  echo "$1 did not start:"; cat "$work/$1.log"; exit 1
}

launch_service() { # name connection-string [more arguments]: the published service in Production, create rate limit off
  local name=$1 connection=$2
  shift 2
  port[$name]=$(free_port)
  ASPNETCORE_ENVIRONMENT=Production dotnet "$work/ShortUrl/ShortUrl.dll" --urls "http://127.0.0.1:${port[$name]}" \
    "--ConnectionStrings:ShortUrl=$connection" --ShortUrl:RateLimit:PermitLimit=0 "$@" >"$work/$name.log" 2>&1 &
  pid[$name]=$!
}

start_service() { # name connection-string [more arguments]: launched, and healthy
  launch_service "$@"
  wait_healthy "$1" /health
}

stop() { # name: SIGTERM, as docker stop sends, and wait; the exit code is left in $stopped_code
  kill -TERM "${pid[$1]}"
  stopped_code=0
  wait "${pid[$1]}" || stopped_code=$?
  unset "pid[$1]"
}

stop_all() {
  local name
  for name in "${!pid[@]}"; do kill "${pid[$name]}" 2>/dev/null || true; done
}

# The process and its children: nginx's workers are children of its master, and do all of its work.
processes_of() { echo "${pid[$1]}" $(pgrep -P "${pid[$1]}" || true); }
peak_rss_mb() { # summed over the process and its children
  local p; for p in $(processes_of "$1"); do cat "/proc/$p/status"; done | awk '/VmHWM/ { kb += $2 } END { printf "%.0f", kb / 1024 }'
}
cpu_ticks() { # user + system time of the process and its children, in clock ticks
  local p; for p in $(processes_of "$1"); do cat "/proc/$p/stat"; done | awk '{ t += $14 + $15 } END { print t }'
}

# One wrk run of bench/wrk.lua against a process; leaves its RESULT line in $result. A redirect run reads its codes
# first (both wrk threads, one after the other) and starts sending at one moment: two seconds plus one per 100,000
# codes from now (enough on a busy machine). Its rate is over its own sending time, so the lead costs nothing.
drive() { # process seconds "wrk threads and connections" mode [mode arguments]
  local process=$1 seconds=$2 settings=$3 lead=0 out
  shift 3
  if [ "$1" = redirect ]; then
    lead=$(( 2 + $(wc -l <"$2") / 100000 ))
    set -- "$@" "$seconds" "$(awk -v now="$(date +%s.%N)" -v lead="$lead" 'BEGIN { printf "%.3f", now + lead }')"
  fi
  # shellcheck disable=SC2086
  out=$(wrk $settings "-d$(( seconds + lead ))s" --timeout 5s -s bench/wrk.lua "http://127.0.0.1:${port[$process]}" -- "$@")
  result=$(grep '^RESULT' <<<"$out") || { echo "wrk failed against $process:"; echo "$out"; exit 1; }
}

# After a redirect run the click writer may still hold up to 3 s of clicks (it rests that long when writes are slow), and
# after creates the search indexer has their links to take in: waiting that out, then until the process is idle (at
# most 15 s more), puts that work in its own run's CPU time rather than in the next scenario's rate.
settle() { # process
  local before after
  sleep 3.5
  for _ in $(seq 1 60); do
    before=$(cpu_ticks "$1"); sleep 0.25; after=$(cpu_ticks "$1")
    (( after - before <= 1 )) && return
  done
  return 0 # still busy: the rest of its work counts in the next run
}

# The scenarios in the order of a round: every other round in reverse, so that within each pair either runs first as
# often as the other.
round_order() { # round scenario...
  local round=$1
  shift
  if (( round % 2 == 0 )); then printf '%s\n' "$@" | tac; else printf '%s\n' "$@"; fi
}

# The measured rounds: each name in turn, every other round in reverse (round_order), each run recorded (record_round)
# and its CPU added to ticks[name]. The caller defines run_wrk <name> <seconds>, which leaves the run's CPU in
# run_ticks, and may define after_run <name>, called after each run.
run_rounds() { # name...
  local round name
  for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round of $ROUNDS (${DURATION}s per scenario)"
    for name in $(round_order "$round" "$@"); do
      run_wrk "$name" "$DURATION"
      record_round "$name"
      ticks[$name]=$(( ${ticks[$name]:-0} + run_ticks ))
      if declare -F after_run >/dev/null; then after_run "$name"; fi
    done
  done
}

# A field of wrk.lua's RESULT line, held in $result
field() { sed -E "s/.* $1=([0-9]+).*/\1/" <<<"$result"; }

# Adds the round in $result to a scenario's totals (the arrays requests, seconds, p50s, p99s, errors, round_rates and
# silent, by scenario) and prints it. A round without a single answer is silent: wrk counts requests never answered
# neither as done nor as errors.
record_round() { # scenario
  local rate
  silent[$1]=$(( ${silent[$1]:-0} + ($(field requests) == 0) ))
  requests[$1]=$(( ${requests[$1]:-0} + $(field requests) ))
  seconds[$1]=$(awk -v a="${seconds[$1]:-0}" -v b="$(field active_us)" 'BEGIN { print a + b / 1e6 }')
  p50s[$1]="${p50s[$1]:-} $(field p50_us)"
  p99s[$1]="${p99s[$1]:-} $(field p99_us)"
  errors[$1]=$(( ${errors[$1]:-0} + $(field errors) ))
  rate=$(awk -v r="$(field requests)" -v d="$(field active_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  round_rates[$1]="${round_rates[$1]:-} | $rate"
  printf '   %-24s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d\n' "$1" "$rate" \
    "$(ms "$(field p50_us)")" "$(ms "$(field p99_us)")" "$(field errors)"
}
# Requests/s of a scenario: its requests over its total sending time across the rounds.
total_rate() { awk -v r="${requests[$1]}" -v s="${seconds[$1]}" 'BEGIN { printf "%.0f", r / s }'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
largest() { tr ' ' '\n' | grep . | sort -n | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
ms() { awk -v v="$1" 'BEGIN { printf "%.2f", v / 1000 }'; }
check() { awk -v v="$1" -v op="$2" -v limit="$3" 'BEGIN { ok = (op == ">=") ? v >= limit : v <= limit; print ok ? "met" : "**NOT met**" }'; }
machine() { echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(dotnet --version) SDK"; }

# The verdict on a service's clicks after SIGTERM: every GET redirect completed is one click recorded.
clicks_verdict() { # recorded expected exit-code
  [ "$1" -eq "$2" ] && [ "$3" -eq 0 ] && echo met || echo '**NOT met**'
}

# The "## <title>" section of a results file, from its heading to the next one, or nothing: the sections a run does
# not repeat are kept when it rewrites the file (bench/RESULTS.md: the search's and the ten million links' tables).
# Both leave out the blank lines at the end.
section_of() { # file title
  [ -f "$1" ] || return 0
  awk -v heading="## $2" '$0 == heading { on = 1 } on && /^## / && $0 != heading { exit } on' "$1" | trailing_blanks_dropped
}
without_section() { # file title: the file less that section
  awk -v heading="## $2" '$0 == heading { on = 1; next } on && /^## / { on = 0 } !on' "$1" | trailing_blanks_dropped
}
trailing_blanks_dropped() { awk '/^$/ { blanks++; next } { for (; blanks > 0; blanks--) print ""; print }'; }
