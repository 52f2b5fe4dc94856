#!/usr/bin/env bash
# A/B of two builds of the wiki on an uncached page: each published build runs on its own copy of one database with
# Caching:Disabled=true, and wrk drives them in turn (A B A B …); each run prints requests/s, p50, p99 and the
# server's CPU per request (user + system time from /proc/PID/stat over the run, divided by its requests).
#
#   bench/ab.sh OLD_PUBLISH_DIR NEW_PUBLISH_DIR [PAGE] [DATABASE]
#     PAGE      default /topics/weak-to-strong-generalization
#     DATABASE  a SQLite file to copy for each arm (e.g. bench/out/search-2000.db); default: a fresh seeded wiki
#   AB_POSTGRES="Host=…;Username=…;Password=…"   both arms on PostgreSQL instead: databases ab_a and ab_b, made anew
#   AB_CONNECTIONS (default 32), AB_SECONDS (default 10), AB_ROUNDS (default 4)
#
# Needs wrk and, for DATABASE, the sqlite3 shell (apt-get install -y wrk sqlite3). Publish a build with: git worktree add /tmp/old HEAD~1 && dotnet publish /tmp/old/src/Promisingness.Web -c Release -o /tmp/webA
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,12p' "$0" >&2; exit 2; }
a_dir=$(realpath "$1"); b_dir=$(realpath "$2"); page=${3:-/topics/weak-to-strong-generalization}; source_db=${4:-}
connections=${AB_CONNECTIONS:-32}; seconds=${AB_SECONDS:-10}; rounds=${AB_ROUNDS:-4}
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

start() { # arm, publish dir, port
  local database=(ConnectionStrings__Wiki="Data Source=$work/$1.db")
  if [[ -n ${AB_POSTGRES:-} ]]; then
    psql "$(echo "$AB_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Username=/user=/; s/Password=/password=/; s/Port=/port=/') dbname=postgres" -q \
      -c "DROP DATABASE IF EXISTS ab_$1 WITH (FORCE)" -c "CREATE DATABASE ab_$1 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    database=(Database__Provider=Postgres ConnectionStrings__Wiki="$AB_POSTGRES;Database=ab_$1")
  elif [[ -n $source_db ]]; then
    sqlite3 "$source_db" ".backup '$work/$1.db'"   # SQLite's backup API: a file copy can miss a WAL's last writes
  fi
  (cd "$2" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$3" "${database[@]}" Caching__Disabled=true \
    Admin__Password='A-b-bench-password-1' dotnet Promisingness.Web.dll >"$work/$1.log" 2>&1) &
  pids+=($!)
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run() { # pid, port
  local before after out requests
  before=$(cpu_ticks "$1")
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$2$page")
  after=$(cpu_ticks "$1")
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  echo "$(awk '/Requests\/sec/ { r = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Non-2xx/ { bad = $NF } END { printf "requests/s %s, p50 %s, p99 %s, non-2xx %s", r, p50, p99, bad + 0 }' <<<"$out"), CPU per request $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs"
}

start a "$a_dir" 5181; start b "$b_dir" 5182
for port in 5181 5182; do
  for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$port$page" && break; sleep 0.5; done
  curl -sf -o /dev/null "http://127.0.0.1:$port$page" || { echo "port $port does not serve $page; see its log:" >&2; cat "$work"/*.log >&2; exit 1; }
done
a_pid=${pids[0]}; b_pid=${pids[1]}   # exec all the way down: the subshell's pid is the server's
echo "page $page, wrk -c$connections, ${seconds} s a run, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "$a_pid" 5181 >/dev/null; run "$b_pid" 5182 >/dev/null   # warm-up: JIT, pools
for round in $(seq "$rounds"); do
  echo "round $round A: $(run "$a_pid" 5181)"
  echo "round $round B: $(run "$b_pid" 5182)"
done
