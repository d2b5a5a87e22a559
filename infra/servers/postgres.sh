#!/usr/bin/env bash
# postgres.sh start|stop [--base-port N] [--dir DIR]
#   A throwaway PostgreSQL 15 cluster on 127.0.0.1:BASE+10 (TCP only, no Unix socket), run by the
#   postgres OS user (PostgreSQL refuses root) from $DIR/postgres — or, when that user may not pass
#   through the folders above $DIR (a clone in /root), from its own home, ~postgres/mam-servers-BASE.
#   start: creates role "mam" (password, CREATEDB so tests can own databases) and database "mam",
#   waits for pg_isready and a password-authenticated query over TCP, writes $DIR/postgres.env.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=postgres

PG_USER=mam
PG_PASSWORD=mam-test-password
PG_DATABASE=mam
PG_BIN=/usr/lib/postgresql/15/bin

pg_paths() {
  if [ -f "$DIR/postgres-root" ]; then
    PG_ROOT="$(cat "$DIR/postgres-root")"
  else
    PG_ROOT="$DIR/postgres"
  fi
  PG_DATA="$PG_ROOT/data"
  PG_LOG="$PG_ROOT/server.log"
}

# The postgres user runs every server-side command; root only prepares the folder.
as_postgres() {
  if [ "$(id -un)" = postgres ]; then
    "$@"
  elif [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -u postgres -- "$@")
  fi
}

# The superuser's password lives only in the cluster's folder, readable by the postgres user alone.
psql_admin() {
  as_postgres env PGPASSFILE="$PG_ROOT/pgpass" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"
}

# Where the cluster lives: in $DIR when the postgres user can get there, else in its home.
choose_root() {
  if as_postgres test -x "$DIR" 2>/dev/null; then
    PG_ROOT="$DIR/postgres"
  else
    local home
    home="$(getent passwd postgres | cut -d: -f6)"
    PG_ROOT="${home:?the postgres user has no home}/mam-servers-$BASE"
    log "the postgres user cannot pass through the folders above $DIR; its cluster goes to $PG_ROOT"
  fi
  printf '%s\n' "$PG_ROOT" >"$DIR/postgres-root"
  pg_paths
}

query_as_user() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_PORT" \
    -U "$PG_USER" -d "$PG_DATABASE" -c 'SELECT 1' | grep -qx 1
}

server_up() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

init_cluster() {
    choose_root
    rm -rf "$PG_ROOT"
    mkdir -p "$PG_ROOT"
    chown postgres:postgres "$PG_ROOT"
    chmod 700 "$PG_ROOT"
    as_postgres test -w "$PG_ROOT" || die "the postgres user cannot reach $PG_ROOT; choose a --dir outside private folders"
    local superuser_password
    superuser_password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    as_postgres sh -c "umask 077; printf '%s\n' '$superuser_password' >'$PG_ROOT/superuser-password'; printf '127.0.0.1:$PG_PORT:*:postgres:%s\n' '$superuser_password' >'$PG_ROOT/pgpass'"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --pwfile="$PG_ROOT/superuser-password" --auth-local=reject --auth-host=scram-sha-256 >"$PG_ROOT/initdb.log" 2>&1 ||
      { cat "$PG_ROOT/initdb.log" >&2; die "initdb failed"; }
    # A test server: durability settings off (data is thrown away), loopback only.
    cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >&2 ||
      { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
    record_pid postgres "$(head -n 1 "$PG_DATA/postmaster.pid")"
    psql_admin -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" \
      -c "CREATE DATABASE $PG_DATABASE OWNER $PG_USER"
}

start() {
  ensure_packages postgresql-15 postgresql-client-15
  if is_running postgres && query_as_user 2>/dev/null; then
    log "already running on port $PG_PORT"
  else
    stop
    require_free_ports "$PG_PORT"
    local started
    started="$(now_ms)"
    if [ -f "$PG_DATA/PG_VERSION" ]; then
      # Stopped earlier (a test restarting the server): start the same cluster, data intact.
      as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >&2 ||
        { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
      record_pid postgres "$(head -n 1 "$PG_DATA/postmaster.pid")"
    else
      init_cluster
    fi
    wait_until 30 "pg_isready on port $PG_PORT" server_up || die "PostgreSQL is not ready"
    wait_until 30 "a query as $PG_USER" query_as_user || die "PostgreSQL refuses $PG_USER"
    record_timing postgres "$started"
  fi
  cat >"$DIR/postgres.env" <<EOF
export MAM_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DATABASE'
EOF
}

stop() {
  if is_running postgres && [ -f "$PG_DATA/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >&2 || log "pg_ctl stop failed; signalling"
  fi
  stop_pid postgres 30
}

command="${1:-}"
[ $# -gt 0 ] && shift
parse_common_args "$@"
pg_paths
case "$command" in
  start) prepare_dir; start ;;
  stop) stop ;;
  *) die "usage: postgres.sh start|stop [--base-port N] [--dir DIR]" ;;
esac
