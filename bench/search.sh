#!/usr/bin/env bash
# The search benchmark: substring searches over 1,000,000 links with titles and tags, on SQLite and on PostgreSQL, and
# what keeping the search index costs creates, measured side by side against the same database without it.
# Usage: bench/search.sh   (LINKS, DURATION and ROUNDS override the defaults); bench/run.sh runs it after its own
# scenarios and puts its tables in bench/RESULTS.md; alone, it writes bench/SEARCH-RESULTS.md (or SEARCH_RESULTS).
#
# PostgreSQL: a throwaway server from tests/with-postgres.sh (Debian's postgresql package; installed when missing),
# or the one in SHORTURL_TEST_POSTGRES (a connection string to a database whose user may create databases).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SHORTURL_TEST_POSTGRES:-}" ]; then
  exec tests/with-postgres.sh "$0" "$@"
fi

LINKS=${LINKS:-1000000}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-4}
SEARCH_WRK=(-t1 -c2)   # two people searching at once: the latency is the search's own, not a queue's
CREATE_WRK=(-t2 -c64)  # as bench/run.sh's creates

source bench/common.sh
install_tools
work=$(mktemp -d /tmp/shorturl-search-XXXXXX)
declare -A pid port
server=$SHORTURL_TEST_POSTGRES
psql_run() { psql -v ON_ERROR_STOP=1 -q "$server" "$@"; }
postgres_db() { echo "$SHORTURL_TEST_POSTGRES" | sed -E "s/Database=[^;]*/Database=$1/"; }
psql_url() { # the libpq form of the Npgsql connection string, for psql
  local host port user db
  host=$(grep -oE 'Host=[^;]+' <<<"$1" | cut -d= -f2); port=$(grep -oE 'Port=[^;]+' <<<"$1" | cut -d= -f2)
  user=$(grep -oE 'Username=[^;]+' <<<"$1" | cut -d= -f2); db=$(grep -oE 'Database=[^;]+' <<<"$1" | cut -d= -f2)
  echo "postgresql://$user@$host:${port:-5432}/$db"
}
server=$(psql_url "$SHORTURL_TEST_POSTGRES")
cleanup() {
  stop_all
  for db in shorturl_search shorturl_search_creates shorturl_search_plain; do
    psql_run -c "DROP DATABASE IF EXISTS $db" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building Release into $work"
publish src/ShortUrl/ShortUrl.csproj bench/Seeder/Seeder.csproj

echo "== seeding $LINKS links with titles and tags into each engine"
sqlite="Data Source=$work/search.db"
seed_sqlite "$work/search.db" "$LINKS" "$work/links.tsv" --labels
# Creates go to copies, so that the searches measure the seeded index, not one catching up with the creates.
cp "$work/search.db" "$work/creates.db"
cp "$work/search.db" "$work/plain.db"
seeder drop-search "$work/plain.db"

psql_run -c "DROP DATABASE IF EXISTS shorturl_search" -c "CREATE DATABASE shorturl_search"
postgres=$(postgres_db shorturl_search)
start_service postgres "$postgres" --ShortUrl:Database=Postgres
stop postgres
seeder seed-postgres "$postgres" "$LINKS" "$work/links-pg.tsv" --labels
# The same links without the trigram indexes of migrations/postgres/0009, copied from the seeded database.
psql_run -c "DROP DATABASE IF EXISTS shorturl_search_creates" -c "CREATE DATABASE shorturl_search_creates TEMPLATE shorturl_search"
psql_run -c "DROP DATABASE IF EXISTS shorturl_search_plain" -c "CREATE DATABASE shorturl_search_plain TEMPLATE shorturl_search"
psql -v ON_ERROR_STOP=1 -q "$(sed -E 's|/[^/]*$|/shorturl_search_plain|' <<<"$server")" \
  -c "DROP INDEX ix_urls_code_trgm, ix_urls_url_trgm, ix_urls_title_trgm, ix_tags_name_trgm"
seeder queries 10000 "$work/queries.txt"

echo "== starting"
start_service sqlite "$sqlite"
start_service sqlite-plain "Data Source=$work/plain.db"
start_service sqlite-creates "Data Source=$work/creates.db"
start_service postgres "$postgres" --ShortUrl:Database=Postgres
start_service postgres-creates "$(postgres_db shorturl_search_creates)" --ShortUrl:Database=Postgres
start_service postgres-plain "$(postgres_db shorturl_search_plain)" --ShortUrl:Database=Postgres

scenarios=(search-sqlite search-postgres creates-sqlite creates-sqlite-plain creates-postgres creates-postgres-plain)
declare -A target=([search-sqlite]=sqlite [search-postgres]=postgres [creates-sqlite]=sqlite-creates
  [creates-sqlite-plain]=sqlite-plain [creates-postgres]=postgres-creates [creates-postgres-plain]=postgres-plain)
declare -A label=(
  [search-sqlite]="search, SQLite (FTS5 trigram)"
  [search-postgres]="search, PostgreSQL (pg_trgm)"
  [creates-sqlite]="creates, SQLite, search index kept"
  [creates-sqlite-plain]="creates, SQLite, no search index"
  [creates-postgres]="creates, PostgreSQL, search index kept"
  [creates-postgres-plain]="creates, PostgreSQL, no search index")
declare -A requests seconds p50s p99s errors round_rates silent

run_wrk() { # scenario seconds: leaves wrk's RESULT line in $result
  if [[ $1 == search-* ]]; then
    drive "${target[$1]}" "$2" "${SEARCH_WRK[*]}" search "$work/queries.txt"
  else
    drive "${target[$1]}" "$2" "${CREATE_WRK[*]}" create
  fi
}

echo "== warming up"
for name in "${scenarios[@]}"; do run_wrk "$name" 2; done
# A search that fails (4xx/5xx) is an error, not a fast answer: check one of each kind before measuring.
while read -r query; do
  curl -fsS -o /dev/null -G "http://127.0.0.1:${port[sqlite]}/api/urls" --data-urlencode "q=$query"
  curl -fsS -o /dev/null -G "http://127.0.0.1:${port[postgres]}/api/urls" --data-urlencode "q=$query"
done < <(head -20 "$work/queries.txt")

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS (${DURATION}s per scenario)"
  for name in $(round_order "$round" "${scenarios[@]}"); do
    run_wrk "$name" "$DURATION"
    record_round "$name"
  done
done

declare -A rps p50 p99
for name in "${scenarios[@]}"; do
  rps[$name]=$(total_rate "$name")
  p50[$name]=$(median <<<"${p50s[$name]}")
  p99[$name]=$(largest <<<"${p99s[$name]}")
done

table=$(
  echo "| scenario | requests/s | p50 ms (median of rounds) | p99 ms (worst round) | errors |"
  echo "|---|---:|---:|---:|---:|"
  for name in "${scenarios[@]}"; do
    echo "| ${label[$name]} | ${rps[$name]} | $(ms "${p50[$name]}") | $(ms "${p99[$name]}") | ${errors[$name]} |"
  done
)
search_line() { # scenario engine
  local verdict="**NOT met**"
  [ "$(check "${p50[$1]}" '<=' 50000)" = met ] && [ "$(check "${p99[$1]}" '<=' 200000)" = met ] && [ "${errors[$1]}" -eq 0 ] && verdict=met
  echo "| substring search over $LINKS links, $2: median ≤ 50 ms, p99 ≤ 200 ms | $(ms "${p50[$1]}") ms, $(ms "${p99[$1]}") ms, ${errors[$1]} errors | $verdict |"
}
cost_line() { # engine-suffix engine
  local kept=${rps[creates-$1]} plain=${rps[creates-$1-plain]} r
  r=$(ratio "$kept" "$plain")
  echo "| creates with the search index ≥ 0.85× without, $2 | ${r}× ($kept against $plain/s), ${errors[creates-$1]} errors | $( [ "${errors[creates-$1]}" -eq 0 ] && check "$r" '>=' 0.85 || echo '**NOT met**') |"
}
targets=$(
  echo "| target | measured | |"
  echo "|---|---|---|"
  search_line search-sqlite SQLite
  search_line search-postgres PostgreSQL
  cost_line sqlite SQLite
  cost_line postgres PostgreSQL
)
echo
echo "$table"
echo
echo "$targets"

results_file=${SEARCH_RESULTS:-bench/SEARCH-RESULTS.md}
cat >"$results_file" <<MD
# Search benchmark results

Written by [\`bench/search.sh\`](search.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'): $(machine), PostgreSQL
$(psql -tA "$server" -c "SHOW server_version"), shared with wrk. See [README.md](README.md#search) for what it measures.

$LINKS links, each with a title of three to five words from 4,096 made-up ones, three in ten with one to three of 200
tags. Searches: \`GET /api/urls?q=\` with a random line of 10,000 texts (a whole word of the titles, four in ten; its
first five letters, three in ten; a tag, two in ten; five digits of the targets' article numbers, one in ten), the
default sort (newest first) and page size, with the total of matches; \`wrk ${SEARCH_WRK[*]}\`. Creates: \`wrk
${CREATE_WRK[*]}\` as in run.sh, against copies of the seeded database with and without the search index (so
that the searches measure the seeded index). ${ROUNDS} rounds of
${DURATION} s taking turns, every other round in reverse order. The PostgreSQL server is the test suite's throwaway
one (fsync off).

$table

$targets
MD
echo
echo "written to $results_file"
