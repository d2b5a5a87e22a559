#!/usr/bin/env bash
# What a DIT downloads and waits for: the size of each published ingest-agent build (goal < 40 MB)
# and how long `ingest-agent --help` takes, against references started the same way in the same run
# (/bin/true, `xxhsum --help`, and the framework-dependent build under `dotnet`). Asserts nothing.
#   bash bench/agent/agent-bench.sh [--publish] [--runs 15]
# --publish (or no linux-x64 build yet) runs infra/publish-agent.sh first and prints its times.
# "first start" is a fresh install: the file's cached pages dropped (dd iflag=nocache, the most a
# VM guest can do: the host's cache is out of reach) and a new folder for the bundled SQLite
# library to unpack into. "warm" is every later start. Times are medians of --runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=15
publish=0
while [ $# -gt 0 ]; do
  case "$1" in
    --publish) publish=1 ;;
    --runs) runs="$2"; shift ;;
    *) echo "usage: bash bench/agent/agent-bench.sh [--publish] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done

div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
builds=.agent-builds
agent="$builds/linux-x64/ingest-agent"
dll=Ingest.Agent/bin/Release/net10.0/ingest-agent.dll
echo "agent-bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs per case"
if [ "$publish" = 1 ] || [ ! -x "$agent" ]; then
  started=$SECONDS
  bash infra/publish-agent.sh
  echo "publish: all builds in $((SECONDS - started)) s"
fi

echo
printf '%-10s %10s %8s   %s\n' build bytes MB "(goal < 40 MB)"
for rid in osx-arm64 osx-x64 linux-x64 win-x64; do
  file="$builds/$rid/ingest-agent"
  [[ "$rid" == win-* ]] && file="$file.exe"
  if [ -f "$file" ]; then
    bytes=$(stat -c %s "$file")
    printf '%-10s %10d %8.1f\n' "$rid" "$bytes" "$(div "$bytes" 1000000)"
  else
    printf '%-10s %10s\n' "$rid" "missing (bash infra/publish-agent.sh $rid)"
  fi
done

# Scratch under the repository's .data/bench, as the other benches keep theirs, never /tmp.
mkdir -p "$PWD/.data/bench"
work=$(mktemp -d "$PWD/.data/bench/agent-XXXXXX")
trap 'rm -rf "$work"' EXIT
now_us() { echo "${EPOCHREALTIME/./}"; }
# Milliseconds of one run of "$@", output discarded.
once_ms() {
  local start end
  start=$(now_us)
  "$@" >/dev/null 2>&1 || true
  end=$(now_us)
  echo "$(( (end - start) / 1000 )).$(( (end - start) % 1000 / 100 ))"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
warm_ms() {
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do once_ms "$@"; done | median
}
first_start_ms() {
  for i in $(seq "$runs"); do
    dd if="$agent" iflag=nocache count=0 status=none 2>/dev/null || true
    DOTNET_BUNDLE_EXTRACT_BASE_DIR="$work/first-$i" once_ms "$agent" --help
  done | median
}

echo
true_ms=$(warm_ms /bin/true)
xxhsum_ms=$(warm_ms xxhsum --help)
printf '%-52s %8s ms\n' "/bin/true" "$true_ms" "xxhsum --help (native C)" "$xxhsum_ms"
if [ -f "$dll" ]; then
  dll_ms=$(warm_ms dotnet "$dll" --help)
  printf '%-52s %8s ms\n' "dotnet ingest-agent.dll --help (needs .NET runtime)" "$dll_ms"
fi
first_ms=$(first_start_ms)
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$work/warm"
warm=$(warm_ms "$agent" --help)
printf '%-52s %8s ms\n' "ingest-agent --help, first start (linux-x64)" "$first_ms" "ingest-agent --help, warm (linux-x64)" "$warm"
echo
echo "ratios: warm / xxhsum $(div "$warm" "$xxhsum_ms")${dll_ms:+, warm / dotnet dll $(div "$warm" "$dll_ms")}, first start / warm $(div "$first_ms" "$warm")"
