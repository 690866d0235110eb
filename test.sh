#!/usr/bin/env bash
# Runs every test of PyAirtable. Installs what is missing (PostgreSQL's server binaries, used by
# tests that start their own throwaway server, and the npm packages of the Airtable.js and MCP conformance
# suites), builds with warnings as errors, runs each test project and ends with one line:
# "N passed, N failed". Exit code 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")"

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; }

if ! have_postgres; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing PostgreSQL server binaries (apt-get install postgresql)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || { echo "Could not install postgresql; install it and run again."; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "PostgreSQL server binaries are missing: run 'sudo apt-get install -y postgresql' (or run this script as root)."
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

# The npm-installed suites run inside the .NET tests: the Airtable.js suite (tests/airtable-js, in
# the silo tests) and the MCP conformance suite with its own Node 22 (tests/mcp-conformance, in the
# MCP tests). Install each exactly as locked, again whenever its lock changes. Without them those
# tests fail, so a failed install counts.
setup_failed=0
for suite in tests/airtable-js tests/mcp-conformance; do
  lock_hash=$(sha256sum "$suite/package-lock.json" | cut -d' ' -f1)
  stamp="$suite/node_modules/.installed-lock-sha256"
  if [ ! -d "$suite/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
    if ! command -v npm >/dev/null; then
      echo "npm is not installed: the suite in $suite cannot be installed; install Node.js 20+ with npm."
      setup_failed=1
    elif (cd "$suite" && npm ci --no-audit --no-fund); then
      echo "$lock_hash" >"$stamp"
    else
      echo "npm ci failed in $suite: its suite is not installed."
      setup_failed=1
    fi
  fi
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=$(mktemp -d)
if ! dotnet build PyAirtable.sln -c Release -warnaserror -nologo -v q; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  grep -q '<IsTestProject>false</IsTestProject>' "$project" && continue
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
rm -rf "$results"
failed=$((failed + setup_failed))

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
