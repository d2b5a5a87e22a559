#!/usr/bin/env bash
# oidc-provider.sh start|stop [--base-port N] [--dir DIR]
#   A real OpenID Connect provider (npm oidc-provider, infra/servers/oidc/) on 127.0.0.1:BASE+50
#   for the single sign-on tests: clients "mam" and "other-app" (confidential, code + PKCE,
#   redirect URI http://127.0.0.1:ANY/signin-oidc or http://localhost/signin-oidc), accounts alice
#   (groups mam-admins), bob (feature-film-editors) and carol (none), password LOGIN-password.
#   start: installs its npm packages from the lockfile if missing, waits for the discovery
#   document and the keys, writes $DIR/oidc-provider.env. Its signing key is kept in
#   $DIR/oidc-provider/ across restarts; everything else is in memory: a restart forgets sessions
#   and accounts added by tests.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=oidc

OIDC_APP="$SERVERS_LIB_DIR/oidc"
# Fixed test values for a loopback-only provider, like the other servers' passwords.
OIDC_CLIENT_ID=mam
OIDC_CLIENT_SECRET=mam-test-oidc-secret
OIDC_OTHER_CLIENT_ID=other-app
OIDC_OTHER_SECRET=other-app-test-oidc-secret
OIDC_CONTROL_SECRET=mam-test-oidc-control

authority() { printf 'http://127.0.0.1:%s' "$OIDC_PORT"; }

# Ready when the discovery document names this issuer and the signing keys are served.
provider_up() {
  curl -fsS --max-time 3 "$(authority)/.well-known/openid-configuration" | grep -q "\"issuer\":\"$(authority)\"" &&
    curl -fsS --max-time 3 "$(authority)/jwks" | grep -q '"kty"'
}

start() {
  command -v node >/dev/null || ensure_packages nodejs npm
  bash "$SERVERS_LIB_DIR/../npm-ci.sh" "$OIDC_APP" >&2
  if is_running oidc-provider && provider_up; then
    log "already running on port $OIDC_PORT"
  else
    stop
    require_free_ports "$OIDC_PORT"
    local started
    started="$(now_ms)"
    mkdir -p "$DIR/oidc-provider"
    OIDC_PORT="$OIDC_PORT" OIDC_CLIENT_SECRET="$OIDC_CLIENT_SECRET" OIDC_OTHER_SECRET="$OIDC_OTHER_SECRET" \
      OIDC_CONTROL_SECRET="$OIDC_CONTROL_SECRET" OIDC_KEY_FILE="$DIR/oidc-provider/signing-key.json" \
      setsid node "$OIDC_APP/server.js" </dev/null >>"$DIR/oidc-provider/server.log" 2>&1 &
    record_pid oidc-provider $!
    if ! wait_until 30 "the OpenID provider on port $OIDC_PORT" provider_up; then
      tail -n 20 "$DIR/oidc-provider/server.log" >&2
      stop
      die "the OpenID provider did not start"
    fi
    record_timing oidc-provider "$started"
  fi
  cat >"$DIR/oidc-provider.env" <<ENV
export MAM_TEST_OIDC_AUTHORITY='$(authority)'
export MAM_TEST_OIDC_CLIENT_ID='$OIDC_CLIENT_ID'
export MAM_TEST_OIDC_CLIENT_SECRET='$OIDC_CLIENT_SECRET'
export MAM_TEST_OIDC_OTHER_CLIENT_ID='$OIDC_OTHER_CLIENT_ID'
export MAM_TEST_OIDC_OTHER_CLIENT_SECRET='$OIDC_OTHER_SECRET'
export MAM_TEST_OIDC_CONTROL_SECRET='$OIDC_CONTROL_SECRET'
ENV
}

stop() { stop_pid oidc-provider 10; }

command="${1:-}"
[ $# -gt 0 ] && shift
parse_common_args "$@"
case "$command" in
  start) prepare_dir; start ;;
  stop) stop ;;
  *) die "usage: oidc-provider.sh start|stop [--base-port N] [--dir DIR]" ;;
esac
