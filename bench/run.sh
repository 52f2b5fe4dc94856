#!/usr/bin/env bash
# The benchmark suite of issue 7 in one command: builds Release, publishes the wiki, starts it on fresh SQLite
# files with the seed, runs every scenario and writes bench/RESULTS.md (bench/out/RESULTS-quick.md with --quick).
#
#   bench/run.sh            full run (about 20 minutes on 2 cores; builds a 100,000-entry database the first time)
#   bench/run.sh --quick    smoke run for CI: seconds per scenario, nothing judged; fails only if a scenario crashes.
#                           It runs the Debug build (timings are not judged), so after `dotnet build` it builds nothing;
#                           add --no-build when the solution was just built (CI does).
#   bench/run.sh --only 1,2,3 --tabs 50     some scenarios; fewer browser tabs for scenario 4
#
# Needs wrk, hey and chromium (apt-get install -y wrk hey chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for tool in wrk hey; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool: apt-get install -y wrk hey" >&2; exit 2; }
done

out=bench/out
mkdir -p "$out"
configuration=Release
[[ " $* " == *" --quick "* ]] && configuration=Debug
if [[ " $* " == *" --no-build "* ]]; then
  echo "== publish ($configuration, already built)"
  dotnet publish src/Promisingness.Web -c "$configuration" --no-build -o "$out/web" -nologo -clp:ErrorsOnly >/dev/null
else
  echo "== build ($configuration)"
  dotnet publish src/Promisingness.Web -c "$configuration" -o "$out/web" -nologo -clp:ErrorsOnly >/dev/null
  for project in bench/Bench bench/StaticServer bench/BareBlazor bench/Markdown bench/search; do
    dotnet build "$project" -c "$configuration" -nologo -clp:ErrorsOnly >/dev/null
  done
fi

echo "== run"
dotnet "bench/Bench/bin/$configuration/net10.0/Bench.dll" --root "$PWD" --web "$PWD/$out/web" --command "bench/run.sh $*" "$@"
