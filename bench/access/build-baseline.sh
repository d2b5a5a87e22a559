#!/usr/bin/env bash
# Builds the named baseline of bench/access: the API at the last commit before access control
# (615eb7d: every read open, writes behind one key), into .data/bench/access-baseline.
set -euo pipefail
cd "$(dirname "$0")/../.."
commit=${1:-615eb7d}
dir=.data/bench/access-baseline
if [ ! -f "$dir/Mam.Api/bin/Release/net10.0/Mam.Api.dll" ]; then
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  git worktree prune
  git worktree add --detach "$dir" "$commit"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet build "$dir/Mam.Api/Mam.Api.csproj" -c Release -nologo -v quiet
fi
echo "$dir/Mam.Api/bin/Release/net10.0/Mam.Api.dll"
