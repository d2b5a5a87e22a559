#!/usr/bin/env bash
# Command 2 of the quick start: installs what the tests need, runs every test, and ends with the
# totals computed from the test results: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

bash infra/install-deps.sh

# The real servers the integration tests use (RabbitMQ, PostgreSQL, Ceph RGW as S3) on loopback,
# in a throwaway folder; stopped again when this script ends, however it ends.
base_port="${MAM_TEST_BASE_PORT:-15000}"
if servers=$(bash infra/servers/start.sh --base-port "$base_port"); then
  eval "$servers"
  trap 'bash infra/servers/stop.sh --base-port "$base_port" >/dev/null 2>&1 || true' EXIT
else
  echo "The test servers did not start; integration tests will fail (see the messages above)." >&2
fi

results=.test-results
rm -rf "$results"
mkdir -p "$results"

# No usage reports from the SDK, nor from the Microsoft.Testing.Platform telemetry extension that the
# NUnit adapter brings along (it would send through Application Insights).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 TESTINGPLATFORM_TELEMETRY_OPTOUT=1
if ! dotnet build Mam.sln -c Release -nologo -v quiet; then
  echo "The build failed; no test ran."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The DIT's agent as the single files a DIT installs (osx-arm64, osx-x64, linux-x64, win-x64). The
# macOS and Windows ones cannot run here; the tests check their headers and run the linux-x64 one.
# With MAM_TEST_AGENT_BUILDS set, a build that is missing fails its tests instead of being ignored.
publish_started=$SECONDS
if ! bash infra/publish-agent.sh; then
  echo "Publishing the agent failed; the published-agent tests will fail." >&2
fi
echo "test: agent builds published in $((SECONDS - publish_started)) s"
export MAM_TEST_AGENT_BUILDS="$PWD/.agent-builds"

# A test that hangs must not eat the whole CI budget in silence: after 15 minutes on one test the
# test host is stopped and the hanging test is named (the slowest test takes about 4 minutes), and
# the whole run (about 30 minutes) is stopped after 70.
status=0
timeout --kill-after=60s 70m dotnet test Mam.Tests/Mam.Tests.csproj -c Release --no-build -nologo \
  --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" \
  --blame-hang-timeout 15m --blame-hang-dump-type none \
  --results-directory "$results" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "The test run was stopped after 70 minutes (about 30 is usual): the tests that finished are in the output above." >&2
fi

trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -z "$trx" ]; then
  echo "No test results were written (build or test host failure)." >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

count() { { grep -o "<UnitTestResult [^>]*outcome=\"$1\"" "$trx" || true; } | wc -l | tr -d ' '; }
passed=$(count Passed)
failed=$(( $(count Failed) + $(count Error) + $(count Timeout) + $(count Aborted) ))
skipped=$(( $(count NotExecuted) + $(count Inconclusive) ))

if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  { grep -o "<UnitTestResult [^>]*outcome=\"Failed\"" "$trx" || true; } | sed -E 's/.*testName="([^"]*)".*/  - \1/'
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The host stopped before reporting a failure (a hang past the limit above, or a crash): the test
  # that was running is named in dotnet test's output above, and counts as failed here.
  echo "The test run was aborted before it finished (see \"The active test run was aborted\" above)."
  failed=1
fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit "$status"
