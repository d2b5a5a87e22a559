#!/usr/bin/env bash
# Command 1 of the quick start: installs what is missing, builds, starts the MAM on its embedded
# defaults, makes a sample camera card, offloads it with the ingest agent to two destinations,
# waits for the pipeline, answers a dialogue search, and leaves the API running.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
demo="$root/.demo"
port="${MAM_DEMO_PORT:-5080}"
api="http://127.0.0.1:$port"
project="Demo"
started=$(date +%s)
step() { printf '\n\033[1m[%4ss] %s\033[0m\n' "$(( $(date +%s) - started ))" "$*"; }

step "Installing missing packages"
bash infra/install-deps.sh

step "Building the API and the ingest agent (the first build takes a few minutes)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash infra/build-progress.sh Mam.Api/Mam.Api.csproj Ingest.Agent/Ingest.Agent.csproj

step "Starting the MAM API (embedded: SQLite catalog, folder store, in-process workers, FTS5 search)"
if [ -f "$demo/api.pid" ] && kill -0 "$(cat "$demo/api.pid")" 2>/dev/null; then
  kill "$(cat "$demo/api.pid")"; sleep 1
fi
rm -rf "$demo"
mkdir -p "$demo"
setsid nohup dotnet Mam.Api/bin/Release/net10.0/Mam.Api.dll \
  --contentRoot "$root/Mam.Api/bin/Release/net10.0" --urls "$api" --Mam:DataDirectory "$demo/data" --Pipeline:ReconcileInterval 00:00:05 \
  > "$demo/api.log" 2>&1 < /dev/null &
echo $! > "$demo/api.pid"
for _ in $(seq 1 120); do
  curl -fsS "$api/health/ready" >/dev/null 2>&1 && break
  kill -0 "$(cat "$demo/api.pid")" 2>/dev/null || { echo "The API stopped; see $demo/api.log:"; tail -20 "$demo/api.log"; exit 1; }
  sleep 0.5
done
curl -fsS "$api/health/ready" >/dev/null || { echo "The API did not become ready; see $demo/api.log"; exit 1; }
token_file="$demo/data/admin-token"
auth=(-H "Authorization: Bearer $(cat "$token_file")")
echo "API ready at $api"

step "Generating a sample camera card"
bash infra/make-sample-card.sh "$demo/card"
card_dir=$(find "$demo/card" -mindepth 1 -maxdepth 1 -type d | head -n 1)
card=$(basename "$card_dir")

step "Offloading $card to two destinations, verifying, writing ASC MHL, uploading"
dotnet Ingest.Agent/bin/Release/net10.0/ingest-agent.dll offload "$card_dir" \
  --dest "$demo/shuttle-1" --dest "$demo/shuttle-2" --project "$project" --api "$api" --token-file "$token_file"

step "Processing: probe → proxy/poster/filmstrip → transcribe → index"
last=""
while :; do
  page=$(curl -fsS "${auth[@]}" "$api/api/assets?project=$project&take=500")
  line=$(jq -r '[.items[] | "\(.clipName): " + ([.stages[] | "\(.stage)=\(.status)"] | join(" "))] | join("\n")' <<<"$page")
  if [ "$line" != "$last" ]; then echo "$line"; echo "--"; last="$line"; fi
  busy=$(jq '[.items[] | select(.state == "processing")] | length' <<<"$page")
  [ "$busy" -eq 0 ] && break
  sleep 1
done
jq -r '.items[] | "\(.clipName): \(.state)"' <<<"$page"

step "Searching for a line of dialogue"
IFS=$'\t' read -r clip_file offset sentence < <(tail -n +2 "$demo/card/sample-card-lines.tsv" | head -n 1)
phrase=$(echo "$sentence" | tr -d '[:punct:]' | awk '{print $2, $3, $4}')
echo "Query: \"$phrase\"   (spoken in $clip_file at ${offset}s)"
result=$(curl -fsS -G "${auth[@]}" "$api/api/search" --data-urlencode "q=\"$phrase\"")
jq -r '.hits[:3][] | "  \(.clipName)  \(.timecodeIn // "-") → \(.timecodeOut // "-")  (\(.start // 0 | . * 100 | round / 100)s)  \(.snippet | gsub("</?mark>"; "*"))"' <<<"$result"
[ "$(jq '.count' <<<"$result")" -gt 0 ] || { echo "No hit: see $demo/api.log"; exit 1; }

step "Done"
cat <<MSG
The MAM API is still running at $api  (PID $(cat "$demo/api.pid"), log: $demo/api.log)
  Sign in once in a browser (one-time link, then choose a password):
         $(grep -o "$api/signin/link?code=[0-9a-f]*" "$demo/api.log" | head -n 1)
  Search page: $api/search?q=harbour
  Administrator token (for scripts and the agent): $token_file
  Try:   curl -s -H "Authorization: Bearer \$(cat $token_file)" '$api/api/search?q=harbour' | jq
         curl -s -H "Authorization: Bearer \$(cat $token_file)" '$api/api/assets' | jq '.items[] | {clipName, state}'
  OpenAPI document: $api/openapi/v1.json
  Stop:  kill $(cat "$demo/api.pid")

MSG
