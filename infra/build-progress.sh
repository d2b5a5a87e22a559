#!/usr/bin/env bash
# Builds the given projects (Release) and shows progress while it does: a first build on a loaded
# 2-core machine takes minutes, and silence looks like a hang. On a terminal MSBuild's live terminal
# logger shows every project and its time; elsewhere (CI, a log file) one line per restored and built
# project with the seconds since the start, a heartbeat every 20 s, and every error and warning.
# Usage: bash infra/build-progress.sh PROJECT_OR_SLN...
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
start=$(date +%s)
elapsed() { echo "$(( $(date +%s) - start ))"; }

build() { dotnet build "$1" -c Release -nologo "${@:2}"; }

if [ -t 1 ] && [ -z "${CI:-}" ]; then
  for project in "$@"; do build "$project" -tl:on; done
  exit 0
fi

# Heartbeat until the builds end (it is a child: the trap stops it however this script ends).
( while sleep 20; do printf '  … still building (%ss)\n' "$(elapsed)"; done ) &
ticker=$!
trap 'kill "$ticker" 2>/dev/null || true' EXIT

for project in "$@"; do
  build "$project" -tl:off -v minimal -clp:NoSummary 2>&1 | while IFS= read -r line; do
    case "$line" in
      *": error "*|*": warning "*) echo "$line" ;;
      *" -> "*)
        name=${line%% -> *}; name=${name##* }
        printf '  built    %-28s %5ss\n' "$name" "$(elapsed)" ;;
      *"Restored "*)
        name=${line##*/}; name=${name%%.csproj*}
        printf '  restored %-28s %5ss\n' "$name" "$(elapsed)" ;;
    esac
  done
done
