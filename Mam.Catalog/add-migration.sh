#!/usr/bin/env bash
# Adds one generated migration per catalog engine after a model change (README, "The catalog's migrations").
# Usage: bash Mam.Catalog/add-migration.sh NAME      e.g. AddUsers
set -euo pipefail
if [[ $# -ne 1 || ! "$1" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "usage: $0 NAME   (a PascalCase migration name, e.g. AddUsers)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore
for context in SqliteCatalogDbContext PostgresCatalogDbContext; do
  dotnet ef migrations add "$1" --project Mam.Catalog --context "$context"
done
