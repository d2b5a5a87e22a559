#!/usr/bin/env bash
# stop.sh [--base-port N | --dir DIR] [--keep-dir]
#   Stops what start.sh started, by recorded PID: radosgw, then the OSD, then the mon;
#   RabbitMQ with `rabbitmqctl stop` (same Erlang environment), then its epmd; PostgreSQL with
#   `pg_ctl stop`; the OpenID provider by its PID. Then removes DIR (unless --keep-dir), and
#   PostgreSQL's cluster where it had to live outside DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
LOG_TAG=stop

keep_dir=0
args=()
for arg in "$@"; do
  if [ "$arg" = --keep-dir ]; then keep_dir=1; else args+=("$arg"); fi
done
parse_common_args "${args[@]+"${args[@]}"}"

if [ ! -d "$DIR" ]; then
  log "nothing to stop: $DIR does not exist"
  exit 0
fi
[ -f "$DIR/base-port" ] || die "$DIR was not made by start.sh (no base-port file); not touching it"

status=0
bash "$here/ceph-rgw.sh" stop --dir "$DIR" || status=1
bash "$here/rabbitmq.sh" stop --dir "$DIR" || status=1
bash "$here/postgres.sh" stop --dir "$DIR" || status=1
bash "$here/oidc-provider.sh" stop --dir "$DIR" || status=1

left=()
for file in "$DIR"/pids/*.pid; do
  [ -e "$file" ] || continue
  pid_alive "$(cat "$file")" && left+=("$(basename "$file" .pid)")
done
if [ "${#left[@]}" -gt 0 ]; then
  die "still running: ${left[*]} (PIDs in $DIR/pids); $DIR kept"
fi
if [ "$keep_dir" -eq 0 ]; then
  # PostgreSQL's cluster sits outside DIR when its user could not enter DIR (see postgres.sh).
  if [ -f "$DIR/postgres-root" ]; then
    pg_root="$(cat "$DIR/postgres-root")"
    case "$pg_root" in
      "$DIR"/*) ;;
      */mam-servers-[0-9]*) rm -rf "$pg_root" ;;
    esac
  fi
  rm -rf "$DIR"
  log "stopped; removed $DIR"
else
  log "stopped; kept $DIR"
fi
exit "$status"
