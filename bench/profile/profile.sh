#!/usr/bin/env bash
# Where an uncached page's CPU goes (issue 29): runs one server, drives it with wrk, samples it with perf, and prints
# its CPU per request and the samples split by pipeline stage and by the kind of code they stopped in.
#
#   bench/profile/profile.sh NAME PORT PATH DLL [ARGS…]
#   e.g. bench/profile/profile.sh topic 5201 /topics/weak-to-strong-generalization bench/out/web/Promisingness.Web.dll \
#          --urls http://127.0.0.1:5201 --ConnectionStrings:Wiki="Data Source=/tmp/profile.db"
#        bench/profile/profile.sh bare 5203 / bench/BareBlazor/bin/Release/net10.0/BareBlazor.dll --urls http://127.0.0.1:5203
#
# The server runs in Production with Caching:Disabled=true and the runtime's perf map, from its own folder (so that it
# reads its appsettings.json: logging at Warning). 25 s of load first (tiered compilation settles), then 20 s measured,
# perf sampling 15 s of them at 999 Hz; the CPU per request includes perf's own cost. Needs wrk and perf.
set -euo pipefail
[[ $# -ge 4 ]] || { sed -n '2,11p' "$0" >&2; exit 2; }
name=$1; port=$2; path=$3; dll=$(realpath "$4"); shift 4
here=$(dirname "$(realpath "$0")"); out=${PROFILE_OUT:-$(dirname "$here")/out/profile}; mkdir -p "$out"
cd "$(dirname "$dll")"
env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 ASPNETCORE_ENVIRONMENT=Production Caching__Disabled=true \
  Admin__Password='A-profile-password-1' dotnet "$dll" "$@" >"$out/$name.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -s -o /dev/null "http://127.0.0.1:$port$path" && break; sleep 0.5; done
wrk -t1 -c4 -d25s "http://127.0.0.1:$port$path" >/dev/null
ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
before=$(ticks)
wrk -t1 -c4 -d20s "http://127.0.0.1:$port$path" >"$out/$name.wrk" & load=$!
sleep 2
perf record -F 999 -g -p "$server" -o "$out/$name.data" -- sleep 15 >/dev/null 2>&1
wait $load
after=$(ticks)
requests=$(awk '/requests in/ { print $1 }' "$out/$name.wrk")
cpu=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))
perf script -i "$out/$name.data" -F ip,sym,dso 2>/dev/null >"$out/$name.script"
echo "$name $path: $requests requests in 20 s, CPU per request $cpu µs"
python3 "$here/breakdown.py" "$out/$name.script" "$cpu"
