#!/usr/bin/env bash
# start.sh [--base-port N] [--dir DIR]
#   Installs (only what is missing) and starts RabbitMQ, Ceph RGW (S3), PostgreSQL and an OpenID
#   Connect provider on 127.0.0.1 in DIR (default .data/servers-N in the repository, N defaults to 15000), all at once.
#   Prints `export MAM_TEST_...=...` lines on stdout and writes them to DIR/env.sh:
#     eval "$(bash infra/servers/start.sh)"
#   Running it again while the servers are up reuses them; stop with infra/servers/stop.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
LOG_TAG=start

parse_common_args "$@"
prepare_dir
started="$(now_ms)"

# One apt run for everything, before the servers start in parallel (dpkg takes a lock). A Node.js
# from elsewhere (nodesource, nvm) runs the OpenID provider as well as Debian's.
node_packages=()
command -v node >/dev/null || node_packages=(nodejs npm)
ensure_packages rabbitmq-server radosgw ceph-mon ceph-osd ceph-common awscli curl \
  postgresql-15 postgresql-client-15 iproute2 "${node_packages[@]}"

pids=()
for server in rabbitmq ceph-rgw postgres oidc-provider; do
  bash "$here/$server.sh" start --base-port "$BASE" --dir "$DIR" &
  pids+=("$!")
done
failed=0
for pid in "${pids[@]}"; do
  wait "$pid" || failed=1
done
if [ "$failed" -ne 0 ]; then
  log "a server failed to start; stopping the others"
  bash "$here/stop.sh" --dir "$DIR" --keep-dir || true
  die "see the messages above (logs stay in $DIR)"
fi

{
  cat "$DIR/rabbitmq.env" "$DIR/ceph-rgw.env" "$DIR/postgres.env" "$DIR/oidc-provider.env"
  printf 'export MAM_TEST_SERVERS_DIR=%q\n' "$DIR"
} >"$DIR/env.sh"
record_timing all "$started"
log "stop with: bash infra/servers/stop.sh --dir $DIR"
cat "$DIR/env.sh"
