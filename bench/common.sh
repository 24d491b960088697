# What bench/run.sh and bench/search.sh share; sourced by both, with $work (their scratch folder) and the arrays
# pid, port (by process name) declared.

install_tools() { # wrk and curl, from Debian's packages when missing
  if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk curl >/dev/null
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

free_port() {
  local p
  while :; do
    p=$((10000 + RANDOM % 20000)) # below the ephemeral range (32768-) that outgoing connections take
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

wait_healthy() { # name path
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "http://127.0.0.1:${port[$1]}$2" && return 0
    kill -0 "${pid[$1]}" 2>/dev/null || { echo "$1 exited during start:"; cat "$work/$1.log"; exit 1; }
    sleep 0.1
  done
  echo "$1 did not start:"; cat "$work/$1.log"; exit 1
}

start_service() { # name connection-string [more arguments]: the published service in Production, create rate limit off
  local name=$1 connection=$2
  shift 2
  port[$name]=$(free_port)
  ASPNETCORE_ENVIRONMENT=Production dotnet "$work/ShortUrl/ShortUrl.dll" --urls "http://127.0.0.1:${port[$name]}" \
    "--ConnectionStrings:ShortUrl=$connection" --ShortUrl:RateLimit:PermitLimit=0 "$@" >"$work/$name.log" 2>&1 &
  pid[$name]=$!
  wait_healthy "$name" /health
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

peak_rss_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/${pid[$1]}/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${pid[$1]}/stat"; } # user + system time of the process, in clock ticks

# A field of wrk.lua's RESULT line, held in $result
field() { sed -E "s/.* $1=([0-9]+).*/\1/" <<<"$result"; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
largest() { tr ' ' '\n' | grep . | sort -n | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
ms() { awk -v v="$1" 'BEGIN { printf "%.2f", v / 1000 }'; }
check() { awk -v v="$1" -v op="$2" -v limit="$3" 'BEGIN { ok = (op == ">=") ? v >= limit : v <= limit; print ok ? "met" : "**NOT met**" }'; }
machine() { echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(dotnet --version) SDK"; }
