#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server: `tests/with-postgres.sh dotnet test ...`.
# The server lives in a temporary folder, listens on 127.0.0.1 only, on a free port, trusts local connections and
# skips fsync (its data is thrown away); the command finds it in SHORTURL_TEST_POSTGRES, a connection string to its
# `postgres` database. The server is stopped and its folder deleted when the command ends, however it ends.
# With SHORTURL_TEST_POSTGRES already set, it runs the command on that server instead.
set -euo pipefail

if [ -n "${SHORTURL_TEST_POSTGRES:-}" ]; then
  # A server of your own (CI's service container, say): the tests create and drop databases of their own on it.
  exec "$@"
fi

find_binaries() {
  local dir
  for dir in /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

bin=$(find_binaries || true)
if [ -z "$bin" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "No PostgreSQL server binaries found; installing Debian's postgresql package for the PostgreSQL tests." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 && apt-get install -y -q --no-install-recommends postgresql >&2
  bin=$(find_binaries || true)
fi
if [ -z "$bin" ]; then
  echo "The PostgreSQL tests need PostgreSQL's server binaries (initdb, pg_ctl) and there are none." \
       "Install Debian's postgresql package (as root: apt-get install postgresql), then run again." >&2
  exit 1
fi

# PostgreSQL refuses to run as root: as root, the server runs as the postgres user.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

folder=$(mktemp -d "${TMPDIR:-/tmp}/shorturl-postgres-XXXXXX")
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$folder"
fi
cluster="$folder/db"

stop() {
  if [ -f "$cluster/postmaster.pid" ]; then
    as_server_user "$bin/pg_ctl" -D "$cluster" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$folder"
}
trap stop EXIT
# Interrupted (Ctrl-C, a CI timeout): exit, so that the EXIT trap stops the server.
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Below the ephemeral range (32768-) that outgoing connections take: a port a closed connection holds in TIME-WAIT
# refuses a connect, so it looks free, but the server cannot bind it.
port=$((20000 + RANDOM % 12000))
while port_in_use "$port"; do
  port=$((20000 + RANDOM % 12000))
done

as_server_user "$bin/initdb" -D "$cluster" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$folder/initdb.log" 2>&1 \
  || { cat "$folder/initdb.log" >&2; exit 1; }
as_server_user "$bin/pg_ctl" -D "$cluster" -l "$folder/server.log" -w -t 60 start -o \
  "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >/dev/null || { cat "$folder/server.log" >&2; exit 1; }

echo "PostgreSQL $("$bin/postgres" --version | grep -oE '[0-9]+(\.[0-9]+)*' | head -1) for the tests on 127.0.0.1:$port" >&2
export SHORTURL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
"$@"
