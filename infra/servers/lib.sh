# shellcheck shell=bash
# Shared by the server scripts: argument parsing, port plan, PID records, readiness polling.
# Sourced, never run. Everything but `export` lines goes to stderr so that
# `eval "$(bash infra/servers/start.sh)"` only ever sees settings.

SERVERS_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export SERVERS_LIB_DIR

log() { printf '[%s] %s\n' "${LOG_TAG:-servers}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Parses --base-port N and --dir DIR; sets BASE and DIR. A DIR from an earlier start remembers its
# base port, so `stop.sh --dir X` and the per-server scripts need only one of the two.
parse_common_args() {
  BASE=""
  DIR=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --base-port) BASE="${2:?--base-port needs a number}"; shift 2 ;;
      --dir) DIR="${2:?--dir needs a path}"; shift 2 ;;
      -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 0 ;;
      *) die "unknown argument: $1" ;;
    esac
  done
  if [ -z "$BASE" ] && [ -n "$DIR" ] && [ -f "$DIR/base-port" ]; then
    BASE="$(cat "$DIR/base-port")"
  fi
  BASE="${BASE:-15000}"
  case "$BASE" in
    ''|*[!0-9]*) die "--base-port must be a number, got '$BASE'" ;;
  esac
  # Every derived port, including RabbitMQ's CLI range (dist port + 10000..10010), must stay below
  # the kernel's ephemeral range (32768+), where an outgoing connection could already hold it.
  if [ "$BASE" -lt 1024 ] || [ "$BASE" -gt 22000 ]; then
    die "--base-port must be between 1024 and 22000 (ports up to base+10012 are used)"
  fi
  if [ -z "${DIR:-}" ]; then
    # Under the repository's data folder, never /tmp. No server makes a Unix socket (PostgreSQL and
    # Ceph are told not to), so the path's length does not matter.
    local repo
    repo="$(cd "$SERVERS_LIB_DIR/../.." && pwd)"
    DIR="$repo/.data/servers-$BASE"
    mkdir -p "$repo/.data"
  fi
  case "$DIR" in
    /*) ;;
    *) DIR="$PWD/$DIR" ;;
  esac
  export BASE DIR
  set_ports
}

# The port plan, all on 127.0.0.1. Bases at least 100 apart never collide.
set_ports() {
  RABBIT_PORT=$((BASE + 0))        # AMQP
  EPMD_PORT=$((BASE + 1))          # private Erlang port mapper (never the shared 4369)
  RABBIT_DIST_PORT=$((BASE + 2))   # Erlang distribution; CLI tools use BASE+10002..10012
  PG_PORT=$((BASE + 10))
  MON_PORT=$((BASE + 20))          # ceph-mon, msgr2
  OSD_PORT_MIN=$((BASE + 30))      # ceph-osd binds public, cluster and heartbeat ports here
  OSD_PORT_MAX=$((BASE + 39))
  RGW_PORT=$((BASE + 40))          # S3
  OIDC_PORT=$((BASE + 50))         # OpenID Connect provider (single sign-on tests)
  export RABBIT_PORT EPMD_PORT RABBIT_DIST_PORT PG_PORT MON_PORT OSD_PORT_MIN OSD_PORT_MAX RGW_PORT OIDC_PORT
}

# Creates DIR (readable by the postgres user, which needs to traverse it) and remembers the base.
prepare_dir() {
  mkdir -p "$DIR/pids"
  chmod 755 "$DIR"
  printf '%s\n' "$BASE" >"$DIR/base-port"
}

pid_file() { printf '%s/pids/%s.pid' "$DIR" "$1"; }

record_pid() {
  mkdir -p "$DIR/pids"
  printf '%s\n' "$2" >"$(pid_file "$1")"
}

recorded_pid() {
  local file
  file="$(pid_file "$1")"
  [ -f "$file" ] && cat "$file"
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

is_running() { pid_alive "$(recorded_pid "$1" || true)"; }

# Sends TERM to a recorded process, waits, then KILL as a last resort.
stop_pid() {
  local name="$1" timeout="${2:-30}" pid
  pid="$(recorded_pid "$name" || true)"
  if pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$timeout"; then
      log "$name (pid $pid) ignored TERM for ${timeout}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || true
    fi
  fi
  rm -f "$(pid_file "$name")"
}

wait_gone() {
  local pid="$1" timeout="$2" waited=0
  while pid_alive "$pid"; do
    [ "$waited" -ge $((timeout * 10)) ] && return 1
    sleep 0.1
    waited=$((waited + 1))
  done
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s.
wait_until() {
  local timeout="$1" what="$2" deadline
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "gave up after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}

port_free() { ! ss -Hltn "sport = :$1" | grep -q .; }

require_free_ports() {
  local port
  for port in "$@"; do
    port_free "$port" || die "port $port is already in use (another server on this base? pick --base-port)"
  done
}

# Installs Debian packages that are missing; apt-get update runs only when something is missing.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  log "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

now_ms() { date +%s%3N; }

# record_timing NAME START_MS: appends "NAME seconds" to $DIR/timings.txt and logs it.
record_timing() {
  local elapsed=$(( $(now_ms) - $2 ))
  local seconds
  seconds="$(printf '%d.%03d' $((elapsed / 1000)) $((elapsed % 1000)))"
  printf '%s %s\n' "$1" "$seconds" >>"$DIR/timings.txt"
  log "$1 ready in ${seconds}s"
}
