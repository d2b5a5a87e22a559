#!/usr/bin/env bash
# npm-ci.sh DIR: installs DIR's npm packages from its package-lock.json only (`npm ci`: exact
# versions, integrity-checked, no install scripts), and only when the installed copy does not match
# the lockfile. Used by install-deps.sh and by the test servers that run on Node.
set -euo pipefail
dir="${1:?usage: npm-ci.sh DIR}"
[ -f "$dir/package-lock.json" ] || { echo "npm-ci: no package-lock.json in $dir" >&2; exit 1; }
marker="$dir/node_modules/.mam-installed-lock"
if ! cmp -s "$dir/package-lock.json" "$marker" 2>/dev/null; then
  echo "npm-ci: npm ci in $dir" >&2
  # No update check nor audit/funding calls: nothing but the packages themselves is fetched.
  NPM_CONFIG_UPDATE_NOTIFIER=false npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
  cp "$dir/package-lock.json" "$marker"
fi
