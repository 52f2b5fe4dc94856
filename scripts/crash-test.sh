#!/usr/bin/env bash
# Crash test: runs the wiki with concurrent saves on a temporary SQLite file, kills it with SIGKILL at
# random moments (50 times by default, 5 with --quick), restarts it, and checks after every kill that
# PRAGMA integrity_check is ok and every acknowledged save is present with its revision.
#   scripts/crash-test.sh [--no-build] [--quick] [--kills N] [--writers N] [--seed N] [--keep]
# It never copies the database: it reads it through SQLite after each kill.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--no-build" ]]; then
  shift
else
  dotnet build tests/Promisingness.CrashTest -nologo -v q -clp:ErrorsOnly
fi
exec dotnet tests/Promisingness.CrashTest/bin/Debug/net10.0/Promisingness.CrashTest.dll "$@"
