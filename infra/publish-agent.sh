#!/usr/bin/env bash
# Builds the DIT's ingest-agent as one self-contained file per system: no .NET runtime and nothing
# else to install on the DIT's machine. Trimmed and compressed (settings in Ingest.Agent.csproj).
#   bash infra/publish-agent.sh                 # osx-arm64 osx-x64 linux-x64 win-x64
#   bash infra/publish-agent.sh linux-x64       # just these
#   bash infra/publish-agent.sh --ready-to-run  # precompiled: starts ~1.5x faster, 21-24 MB, publishes ~2x slower
# Writes .agent-builds/<rid>/ingest-agent (ingest-agent.exe for win-x64) and prints each file's size
# and how long its publish took. The macOS and Windows builds cannot run here; CI builds them so a
# break shows, and runs the linux-x64 one in Mam.Tests (Agent/PublishedAgentTests).
set -euo pipefail
cd "$(dirname "$0")/.."

rids=()
extra_properties=()
for arg in "$@"; do
  case "$arg" in
    # Trimming drops the framework's precompiled code; ReadyToRun puts it back (bench/README.md, bench/agent).
    --ready-to-run) extra_properties+=(-p:PublishReadyToRun=true) ;;
    *) rids+=("$arg") ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(osx-arm64 osx-x64 linux-x64 win-x64)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=.agent-builds

for rid in "${rids[@]}"; do
  case "$rid" in
    osx-arm64|osx-x64|linux-x64|linux-arm64|win-x64|win-arm64) ;;
    *) echo "publish-agent: unknown runtime identifier '$rid' (try osx-arm64, osx-x64, linux-x64, win-x64)" >&2; exit 2 ;;
  esac
  started=$SECONDS
  rm -rf "${out:?}/$rid"
  if ! dotnet publish Ingest.Agent/Ingest.Agent.csproj -c Release -r "$rid" -o "$out/$rid" -nologo -v quiet ${extra_properties[@]+"${extra_properties[@]}"}; then
    echo "publish-agent: $rid FAILED" >&2
    exit 1
  fi
  file="$out/$rid/ingest-agent"
  [[ "$rid" == win-* ]] && file="$file.exe"
  [ -f "$file" ] || { echo "publish-agent: $rid: $file was not written" >&2; exit 1; }
  extra=$(find "$out/$rid" -type f ! -path "$file" | wc -l)
  [ "$extra" -eq 0 ] || { echo "publish-agent: $rid: expected one file, found $((extra + 1)) in $out/$rid" >&2; exit 1; }
  # wc, not GNU stat -c: this also runs on a Mac. $(( )) drops the spaces BSD wc pads with.
  bytes=$(( $(wc -c < "$file") ))
  echo "publish-agent: $rid -> $file ($(( (bytes + 524288) / 1048576 )) MiB, $bytes bytes) in $((SECONDS - started)) s"
done
