#!/usr/bin/env bash
# rabbitmq.sh start|stop|env [--base-port N] [--dir DIR]
#   A throwaway RabbitMQ 3.10 node on 127.0.0.1:BASE with its own Erlang port mapper (BASE+1),
#   HOME, cookie and node name, so two bases run side by side and nothing listens on 4369.
#   start: a fresh node whose first boot creates vhost "mam" and user "mam"; waits for `rabbitmqctl await_startup`, writes
#   $DIR/rabbitmq.env. stop: `rabbitmqctl stop`, then the private epmd.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=rabbitmq

RABBIT_USER=mam
RABBIT_PASSWORD=mam-test-password
RABBIT_VHOST=mam
RABBIT_BIN=/usr/lib/rabbitmq/bin

# Every Erlang process (server and CLI) needs the same HOME (cookie), node name and epmd port;
# a CLI call without them would start a stray epmd on 0.0.0.0:4369.
rabbit_env() {
  local root="$DIR/rabbitmq"
  export HOME="$root/home"
  export ERL_EPMD_PORT="$EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_NODENAME="mam$BASE@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RABBIT_PORT"
  export RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT"
  export RABBITMQ_MNESIA_BASE="$root/mnesia" RABBITMQ_LOG_BASE="$root/log"
  export RABBITMQ_CONFIG_FILE="$root/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$root/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$root/enabled_plugins"
  export RABBITMQ_CONF_ENV_FILE="$root/rabbitmq-env.conf"
  export RABBITMQ_PID_FILE="$root/rabbitmq.pid"
  export RABBITMQ_LOGS="$root/log/node.log"
  # Erlang distribution (server and CLI) on loopback only; it listens on 0.0.0.0 by default.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

ctl() { "$RABBIT_BIN/rabbitmqctl" -q "$@"; }

write_config() {
  local root="$DIR/rabbitmq"
  # A node that ran here before (a test restarting the broker) keeps its data: durable queues,
  # vhosts, users. Only a first start begins from nothing.
  if [ ! -d "$root/mnesia/$RABBITMQ_NODENAME" ]; then
    rm -rf "$root"
  fi
  mkdir -p "$root/home" "$root/mnesia" "$root/log"
  chmod 700 "$root/home"
  : >"$root/rabbitmq-env.conf"
  printf '[].\n' >"$root/enabled_plugins"
  printf '[].\n' >"$root/advanced.config"
  # consumer_timeout: a delivery unacknowledged for longer closes the channel. Proxies and
  # transcriptions of long takes can run for hours (Pipeline:StageDeadline is 2 h), so 3 h.
  # https://www.rabbitmq.com/docs/consumers#acknowledgement-timeout
  cat >"$root/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$RABBIT_PORT
consumer_timeout = 10800000
disk_free_limit.absolute = 100MB
loopback_users = none
# Created on the first boot of a fresh node: no CLI round trips needed after start-up.
default_vhost = $RABBIT_VHOST
default_user = $RABBIT_USER
default_pass = $RABBIT_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
log.console = false
log.file.level = info
EOF
}

start() {
  ensure_packages rabbitmq-server
  rabbit_env
  if is_running rabbitmq && ctl status >/dev/null 2>&1; then
    log "already running on port $RABBIT_PORT"
  else
    stop_quietly
    require_free_ports "$RABBIT_PORT" "$EPMD_PORT" "$RABBIT_DIST_PORT"
    local started
    started="$(now_ms)"
    write_config
    # Our own epmd in the foreground, so it has a PID we can stop (rabbitmq would otherwise
    # start a daemonised one that outlives it).
    setsid epmd -address 127.0.0.1 -port "$EPMD_PORT" </dev/null >>"$DIR/rabbitmq/log/epmd.log" 2>&1 &
    record_pid epmd $!
    wait_until 10 "epmd on port $EPMD_PORT" epmd_up
    setsid "$RABBIT_BIN/rabbitmq-server" </dev/null >>"$DIR/rabbitmq/log/stdout.log" 2>&1 &
    record_pid rabbitmq $!
    # `wait` first: await_startup fails at once while the node is not yet registered in epmd.
    if ! { ctl --timeout 120 wait "$RABBITMQ_PID_FILE" && ctl --timeout 120 await_startup; } >&2; then
      tail -n 30 "$DIR/rabbitmq/log/stdout.log" "$RABBITMQ_LOGS" >&2 || true
      stop_quietly
      die "RabbitMQ did not start (logs in $DIR/rabbitmq/log)"
    fi
    record_timing rabbitmq "$started"
  fi
  cat >"$DIR/rabbitmq.env" <<EOF
export MAM_TEST_RABBITMQ_HOST=127.0.0.1
export MAM_TEST_RABBITMQ_PORT=$RABBIT_PORT
export MAM_TEST_RABBITMQ_USER=$RABBIT_USER
export MAM_TEST_RABBITMQ_PASSWORD=$RABBIT_PASSWORD
export MAM_TEST_RABBITMQ_VHOST=$RABBIT_VHOST
EOF
}

epmd_up() { epmd -port "$EPMD_PORT" -names; }

stop_quietly() {
  local pid
  pid="$(recorded_pid rabbitmq || true)"
  if pid_alive "$pid"; then
    log "stopping (pid $pid)"
    # With the pid file, `stop` returns only once the Erlang VM has exited.
    ctl --timeout 60 stop "$RABBITMQ_PID_FILE" >&2 2>&1 || log "rabbitmqctl stop failed; signalling"
  fi
  stop_pid rabbitmq 30
  stop_pid epmd 10
}

stop() {
  rabbit_env
  stop_quietly
}

# Prints a shell line that sets up the same Erlang environment, for running rabbitmqctl by hand:
#   eval "$(bash infra/servers/rabbitmq.sh env --dir .data/servers-15000)"; rabbitmqctl list_queues -p mam
print_env() {
  rabbit_env
  local var
  for var in HOME ERL_EPMD_PORT ERL_EPMD_ADDRESS RABBITMQ_NODENAME RABBITMQ_DIST_PORT RABBITMQ_CONF_ENV_FILE; do
    printf 'export %s=%q\n' "$var" "${!var}"
  done
  # shellcheck disable=SC2016 # $PATH is for the caller's shell to expand
  printf 'export PATH=%q:"$PATH"\n' "$RABBIT_BIN"
}

command="${1:-}"
[ $# -gt 0 ] && shift
parse_common_args "$@"
case "$command" in
  start) prepare_dir; start ;;
  stop) stop ;;
  env) print_env ;;
  *) die "usage: rabbitmq.sh start|stop|env [--base-port N] [--dir DIR]" ;;
esac
