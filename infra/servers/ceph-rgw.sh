#!/usr/bin/env bash
# ceph-rgw.sh start|stop|gateway-start|gateway-stop [--base-port N] [--dir DIR]
#   S3 on 127.0.0.1:BASE+40 from Ceph's RADOS Gateway. Debian's radosgw has no standalone
#   backend, so this builds a throwaway one-node cluster under $DIR/ceph: one mon (msgr2 on
#   BASE+20), one bluestore OSD on a sparse file (ports BASE+30..39), no mgr, auth none, pools of
#   size 1. Cluster name and fsid are per base, so several clusters run side by side.
#   start: waits until the S3 user's keys can list buckets, writes $DIR/ceph-rgw.env.
#   stop: radosgw, then osd, then mon. gateway-stop/-start: only radosgw (tests use them to take
#   S3 away mid-upload and bring it back over the same data).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=ceph

S3_ACCESS_KEY=MAMTESTACCESSKEY0001
S3_SECRET_KEY=mamTestSecretKey0000000000000000000000001
S3_REGION=us-east-1
S3_USER=mam
# A second storage class on the default placement, in a pool of its own, for the archive-tier
# tests: lifecycle rules move objects STANDARD -> COLD. RGW treats any class as just a pool.
S3_COLD_CLASS=COLD
COLD_POOL=default.rgw.cold.data

ceph_paths() {
  CEPH_ROOT="$DIR/ceph"
  CLUSTER="mam$BASE"
  CONF="$CEPH_ROOT/$CLUSTER.conf"
  CEPH_ARGS=(--cluster "$CLUSTER" -c "$CONF")
}

ceph_cli() { timeout 30 ceph "${CEPH_ARGS[@]}" --connect-timeout 10 "$@"; }

write_config() {
  local fsid
  fsid="$(cat /proc/sys/kernel/random/uuid)"
  rm -rf "$CEPH_ROOT"
  mkdir -p "$CEPH_ROOT"/{run,log,mon,osd,rgw}
  # Why each non-default setting is here:
  # - msgr2 only and ms_mon_client_mode=crc: with auth none, radosgw otherwise hangs on auth (-13).
  # - paxos_propose_interval 0.05: mon commits every 50 ms instead of 1 s (16 s -> 6 s start).
  # - size 1, chooseleaf type 0, pool size one allowed: a single OSD must hold every placement group.
  # - osd_client_watch_timeout: see [osd] below.
  # - ms_bind_port_*: daemons take ports from this base's range, never Ceph's shared 6800-7300.
  cat >"$CONF" <<EOF
[global]
fsid = $fsid
mon_host = [v2:127.0.0.1:$MON_PORT]
mon_initial_members = a
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_bind_msgr1 = false
ms_bind_msgr2 = true
ms_mon_client_mode = crc
ms_bind_port_min = $OSD_PORT_MIN
ms_bind_port_max = $OSD_PORT_MAX
run_dir = $CEPH_ROOT/run
# No admin sockets: nothing here asks a daemon through one, and a Unix socket path must fit in
# 107 bytes, which a clone at a deep path would not.
admin_socket =
log_file = $CEPH_ROOT/log/\$cluster-\$name.log
mon_cluster_log_file = $CEPH_ROOT/log/\$cluster.log
keyring = $CEPH_ROOT/keyring
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_max_pg_per_osd = 1000
mon_data_avail_warn = 2
mon_data_avail_crit = 1
paxos_propose_interval = 0.05
# A lifecycle "day" lasts 10 s, so a rule "after 1 day" runs within a test; the gateway's LC thread
# also wakes this often. In [global] because radosgw-admin (lc process, which runs LC at once)
# reads its own client section, not [client.rgw].
rgw_lc_debug_interval = 10

[mon]
mon_data = $CEPH_ROOT/mon/\$cluster-\$id

[osd]
osd_data = $CEPH_ROOT/osd/\$cluster-\$id
osd_objectstore = bluestore
# The block file lives outside osd_data: mkfs refuses a data dir that is not empty.
bluestore_block_path = $CEPH_ROOT/osd-block-\$id
bluestore_block_create = true
bluestore_block_size = 21474836480
bluestore_fsck_on_mkfs = false
osd_memory_target = 1073741824
# A killed radosgw leaves its cache watch behind; until the OSD drops it (30 s by default), every
# metadata change (bucket create/delete) waits for the dead gateway's notify acknowledgement.
osd_client_watch_timeout = 10

[client.rgw]
rgw_frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw_data = $CEPH_ROOT/rgw
EOF
}

start_mon() {
  monmaptool --create --fsid "$(ceph-conf "${CEPH_ARGS[@]}" --lookup fsid)" \
    --addv a "[v2:127.0.0.1:$MON_PORT]" "$CEPH_ROOT/monmap" >&2 || return 1
  ceph-mon "${CEPH_ARGS[@]}" --mkfs -i a --monmap "$CEPH_ROOT/monmap" >&2 || return 1
  setsid ceph-mon "${CEPH_ARGS[@]}" -f -i a </dev/null >>"$CEPH_ROOT/log/mon.out" 2>&1 &
  record_pid ceph-mon $!
  wait_until 60 "ceph-mon on port $MON_PORT" ceph_cli mon stat || return 1
}

start_osd() {
  local uuid id
  uuid="$(cat /proc/sys/kernel/random/uuid)"
  # Functions called under `if` run without errexit, hence the explicit returns.
  id="$(ceph_cli osd new "$uuid")" || return 1
  mkdir -p "$CEPH_ROOT/osd/$CLUSTER-$id" || return 1
  ceph-osd "${CEPH_ARGS[@]}" -i "$id" --mkfs --osd-uuid "$uuid" >>"$CEPH_ROOT/log/osd-mkfs.out" 2>&1 ||
    { tail -n 20 "$CEPH_ROOT/log/osd-mkfs.out" >&2; return 1; }
  setsid ceph-osd "${CEPH_ARGS[@]}" -f -i "$id" </dev/null >>"$CEPH_ROOT/log/osd.out" 2>&1 &
  record_pid ceph-osd $!
  wait_until 90 "ceph-osd.$id to be up" osd_up || return 1
}

osd_up() { ceph_cli osd stat | grep -q '1 up'; }

# Before the gateway's first start, so it never has to be restarted to see the class. The
# zone/zonegroup commands are "raw" (they do not make the default zone); any other radosgw-admin
# command does, so `user list` runs first.
add_cold_class() {
  # The pool and the zone's records are independent: made side by side (~1 s instead of ~2).
  { ceph_cli osd pool create "$COLD_POOL" 8 >&2 && ceph_cli osd pool application enable "$COLD_POOL" rgw >&2; } &
  local pool=$!
  radosgw-admin "${CEPH_ARGS[@]}" user list >/dev/null &&
    radosgw-admin "${CEPH_ARGS[@]}" zonegroup placement add --rgw-zonegroup default \
      --placement-id default-placement --storage-class "$S3_COLD_CLASS" >/dev/null &&
    radosgw-admin "${CEPH_ARGS[@]}" zone placement add --rgw-zone default \
      --placement-id default-placement --storage-class "$S3_COLD_CLASS" --data-pool "$COLD_POOL" >/dev/null ||
    { wait "$pool"; return 1; }
  wait "$pool" || return 1
}

start_gateway() {
  require_free_ports "$RGW_PORT"
  setsid radosgw "${CEPH_ARGS[@]}" -f -n client.rgw </dev/null >>"$CEPH_ROOT/log/rgw.out" 2>&1 &
  record_pid radosgw $!
  # The first start creates the gateway's pools; that is most of its start time.
  wait_until 120 "radosgw on port $RGW_PORT" curl -fsS -o /dev/null "http://127.0.0.1:$RGW_PORT/" || return 1
}

create_user() {
  radosgw-admin "${CEPH_ARGS[@]}" user info --uid "$S3_USER" >/dev/null 2>&1 && return 0
  radosgw-admin "${CEPH_ARGS[@]}" user create --uid "$S3_USER" --display-name "MAM tests" \
    --access-key "$S3_ACCESS_KEY" --secret-key "$S3_SECRET_KEY" >/dev/null
}

# Real readiness: a signed S3 request with the user's keys. AWS_CA_BUNDLE is unset because the
# CLI would otherwise insist on TLS settings for a plain-HTTP endpoint.
s3_lists_buckets() {
  env -u AWS_CA_BUNDLE AWS_ACCESS_KEY_ID="$S3_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$S3_SECRET_KEY" \
    AWS_DEFAULT_REGION="$S3_REGION" AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null \
    aws --endpoint-url "http://127.0.0.1:$RGW_PORT" s3api list-buckets --output text >/dev/null
}

all_running() { is_running ceph-mon && is_running ceph-osd && is_running radosgw; }

start() {
  ensure_packages radosgw ceph-mon ceph-osd ceph-common awscli curl
  if all_running && s3_lists_buckets 2>/dev/null; then
    log "already running on port $RGW_PORT"
  else
    stop
    require_free_ports "$MON_PORT" "$RGW_PORT"
    local started
    started="$(now_ms)"
    write_config
    if ! { start_mon && start_osd && add_cold_class && start_gateway && create_user &&
      wait_until 60 "S3 to list buckets with the user's keys" s3_lists_buckets; }; then
      tail -n 20 "$CEPH_ROOT"/log/*.out >&2 || true
      stop
      die "Ceph RGW did not start (logs in $CEPH_ROOT/log)"
    fi
    record_timing ceph-rgw "$started"
  fi
  cat >"$DIR/ceph-rgw.env" <<EOF
export MAM_TEST_S3_ENDPOINT=http://127.0.0.1:$RGW_PORT
export MAM_TEST_S3_ACCESS_KEY=$S3_ACCESS_KEY
export MAM_TEST_S3_SECRET_KEY=$S3_SECRET_KEY
export MAM_TEST_S3_REGION=$S3_REGION
export MAM_TEST_S3_COLD_CLASS=$S3_COLD_CLASS
export MAM_TEST_CEPH_CLUSTER=$CLUSTER
EOF
  # radosgw-admin --cluster "$MAM_TEST_CEPH_CLUSTER" -c "$MAM_TEST_CEPH_CONF" ...: tests run
  # `lc process` through it instead of waiting for the gateway's LC thread.
  printf 'export MAM_TEST_CEPH_CONF=%q\n' "$CONF" >>"$DIR/ceph-rgw.env"
}

stop() {
  stop_pid radosgw 30
  stop_pid ceph-osd 30
  stop_pid ceph-mon 30
}

gateway_start() {
  is_running ceph-osd || die "the Ceph cluster under $DIR is not running; use start"
  if is_running radosgw; then
    log "radosgw already running"
    return 0
  fi
  local started
  started="$(now_ms)"
  if ! { start_gateway && wait_until 60 "S3 to list buckets" s3_lists_buckets; }; then
    die "radosgw did not come back (log in $CEPH_ROOT/log)"
  fi
  record_timing radosgw-restart "$started"
}

command="${1:-}"
[ $# -gt 0 ] && shift
parse_common_args "$@"
ceph_paths
case "$command" in
  start) prepare_dir; start ;;
  stop) stop ;;
  gateway-start) gateway_start ;;
  gateway-stop) stop_pid radosgw 30 ;;
  *) die "usage: ceph-rgw.sh start|stop|gateway-start|gateway-stop [--base-port N] [--dir DIR]" ;;
esac
