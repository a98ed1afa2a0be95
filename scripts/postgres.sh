#!/usr/bin/env bash
# Idempotent throwaway PostgreSQL for the tests: installs the server if missing (root, apt), creates a cluster in .pg/
# (trust auth, 127.0.0.1 only, port 55432), starts it, creates database fieldapp_test and prints its SQLAlchemy URL.
#
#   bash scripts/postgres.sh          # start (the default); stdout is only the URL, progress goes to stderr
#   bash scripts/postgres.sh stop     # stop the cluster in this checkout's .pg/ (nothing else)
#   bash scripts/postgres.sh status
#
# The server is identified by its port: when something already answers on 127.0.0.1:$port (for instance the cluster
# of another checkout), it is used as it is. Settings (environment):
#   FIELDAPP_PG_PORT=55432         port on 127.0.0.1
#   FIELDAPP_PG_DIR=<repo>/.pg     where the cluster lives (data/ and server.log); root falls back to
#                                  /tmp/fieldapp-pg-$port when the server's user cannot reach <repo>/.pg
#   FIELDAPP_PG_NO_INSTALL=1       never call apt-get (fail instead)
# Test-only: fsync is off and anyone on this machine may connect as the superuser "fieldapp" without a password.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

action=${1:-start}
port=${FIELDAPP_PG_PORT:-55432}
superuser=fieldapp
dbname=fieldapp_test
url="postgresql+psycopg://$superuser@127.0.0.1:$port/$dbname"

say() { echo "postgres.sh: $*" >&2; }
die() { say "$*"; exit 1; }

case "$action" in
  start|stop|status) ;;
  *) die "usage: scripts/postgres.sh [start|stop|status]" ;;
esac

# --- binaries: initdb, pg_ctl, postgres (server) and psql, pg_isready (client) --------------------------------------
find_bindir() {
  local d candidates=()
  if command -v initdb >/dev/null 2>&1; then
    candidates+=("$(dirname "$(readlink -f "$(command -v initdb)")")")
  fi
  # Debian keeps the server binaries out of PATH: /usr/lib/postgresql/<major>/bin; newest first.
  while IFS= read -r d; do candidates+=("$d"); done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r)
  for d in ${candidates[@]+"${candidates[@]}"}; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && [ -x "$d/psql" ] && [ -x "$d/pg_isready" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

if ! bindir=$(find_bindir); then
  [ "$action" = start ] || die "no PostgreSQL server binaries on this machine"
  if [ "$(id -u)" = 0 ] && [ "${FIELDAPP_PG_NO_INSTALL:-}" != 1 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing PostgreSQL (apt package postgresql)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bindir=$(find_bindir) || die "apt installed postgresql but initdb/pg_ctl/postgres are still missing"
  else
    die "PostgreSQL server binaries missing (initdb, pg_ctl, postgres): install the Debian package postgresql (as root)"
  fi
fi
major=$("$bindir/postgres" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')

ready() { "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 >/dev/null 2>&1; }

# --- where the cluster lives, and who runs it ----------------------------------------------------------------------
pgroot=${FIELDAPP_PG_DIR:-$repo/.pg}
if [ "$(id -u)" = 0 ]; then
  # initdb and postgres refuse to run as root: the cluster belongs to the owner of an existing data directory,
  # else to "postgres" (created by the Debian package), else to a system user made for this.
  owner=
  if [ -d "$pgroot/data" ]; then owner=$(stat -c %U "$pgroot/data"); fi
  if [ -z "$owner" ] || [ "$owner" = root ] || [ "$owner" = UNKNOWN ]; then
    if id -u postgres >/dev/null 2>&1; then
      owner=postgres
    else
      id -u fieldapp-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin fieldapp-pg
      owner=fieldapp-pg
    fi
  fi
  as_owner() { (exec 9>&-; cd / && runuser -u "$owner" -- "$@"); }
else
  owner=$(id -un)
  as_owner() { (exec 9>&-; cd / && "$@"); }
fi

if [ "$action" = start ] && ! ready; then
  mkdir -p "$pgroot"
  if [ "$(id -u)" = 0 ]; then
    chown "$owner:" "$pgroot"
    chmod 700 "$pgroot"
    if ! as_owner test -w "$pgroot"; then
      # e.g. a clone under /root (mode 700): the server's user cannot reach it.
      fallback=/tmp/fieldapp-pg-$port
      say "$owner cannot reach $pgroot; using $fallback"
      rmdir "$pgroot" 2>/dev/null || true
      pgroot=$fallback
      mkdir -p "$pgroot"
      chown "$owner:" "$pgroot"
      chmod 700 "$pgroot"
    fi
  fi
elif [ ! -d "$pgroot/data" ] && [ -d "/tmp/fieldapp-pg-$port/data" ]; then
  pgroot=/tmp/fieldapp-pg-$port
fi
data=$pgroot/data
log=$pgroot/server.log

case "$action" in
  status)
    if ready; then say "accepting connections on 127.0.0.1:$port"; else say "nothing answers on 127.0.0.1:$port"; fi
    if [ -f "$data/PG_VERSION" ]; then as_owner "$bindir/pg_ctl" -D "$data" status >&2 || true; fi
    ready && echo "$url"
    exit 0
    ;;
  stop)
    if [ -f "$data/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$data" stop -m fast -w >/dev/null
      say "stopped the cluster in $data"
    else
      say "no cluster running from $data"
    fi
    exit 0
    ;;
esac

# --- start -----------------------------------------------------------------------------------------------------------
# One caller at a time sets the cluster up (parallel test runs from several shells). as_owner closes fd 9, so the
# server never inherits the lock.
lock=/tmp/fieldapp-pg-$port.lock
if { exec 9>>"$lock"; } 2>/dev/null; then
  chmod 666 "$lock" 2>/dev/null || true
  flock -w 120 9 || die "waited 2 minutes for $lock"
fi

if ! ready; then
  if [ -f "$data/PG_VERSION" ] && [ "$(cat "$data/PG_VERSION")" != "$major" ]; then
    say "cluster in $data is PostgreSQL $(cat "$data/PG_VERSION"), binaries are $major: recreating it (test data only)"
    as_owner "$bindir/pg_ctl" -D "$data" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    say "creating a PostgreSQL $major cluster in $data (owner $owner)"
    as_owner "$bindir/initdb" -D "$data" -U "$superuser" -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$log.initdb" 2>&1 ||
      { cat "$log.initdb" >&2; die "initdb failed"; }
    echo "include_if_exists = 'fieldapp.conf'" | as_owner tee -a "$data/postgresql.conf" >/dev/null
  fi
  # Rewritten on every start so the port and settings follow this script.
  as_owner tee "$data/fieldapp.conf" >/dev/null <<EOF
# Written by scripts/postgres.sh on each start: a throwaway cluster for the tests, never for real data.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  say "starting the cluster in $data on 127.0.0.1:$port (log: $log)"
  if ! as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null; then
    tail -n 20 "$log" >&2 || true
    die "the server did not start (port $port taken by something else?)"
  fi
fi

psql_admin() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$superuser" -d postgres "$@"; }
exists=$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$dbname'") ||
  die "cannot connect as $superuser to 127.0.0.1:$port (is that port used by another PostgreSQL?)"
if [ "$exists" != 1 ]; then
  psql_admin -c "CREATE DATABASE $dbname"
  say "created database $dbname"
fi
echo "$url"
