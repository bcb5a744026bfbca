#!/usr/bin/env bash
# Cone searches per second through the service (wrk: random TOP 100 cones of 0.1 degree
# POSTed to /sync) against the same SQL straight on PostgreSQL (pgbench), each at the same
# concurrency for the same time, one after the other. The difference is the cost of HTTP,
# ADQL parsing and translation, and VOTable writing.
#
# Environment: TAP_URL (http://localhost:8080/tap), CONNECTIONS (16), DURATION (20 seconds),
# PGHOST, PGPORT, PGUSER, TAP_DB (as for bin/setup-postgres).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.bash
. "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-20}
THREADS=$(nproc)

psql -d "$TAP_DB" -Atc "SELECT 1 FROM demo.stars LIMIT 1" >/dev/null \
  || { echo "demo.stars is missing: run bin/tap admin demo" >&2; exit 1; }

echo "pgbench: $CONNECTIONS clients, ${DURATION} s"
pgbench_out=$(pgbench -n -f "$HERE/cone.sql" -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" "$TAP_DB")
pg_rate=$(awk '/^tps = / { print $3 }' <<< "$pgbench_out")
pg_latency=$(awk '/^latency average/ { print $4, $5 }' <<< "$pgbench_out")
printf '  %.0f queries/s, mean latency %s\n' "$pg_rate" "$pg_latency"

if ! curl -sf "$TAP_URL/availability" >/dev/null; then
  echo "wrk: skipped, no TAP service at $TAP_URL"
  exit 0
fi
base=${TAP_URL%/}
origin=$(sed -E 's#^(https?://[^/]+).*#\1#' <<< "$base")
echo "wrk: $CONNECTIONS connections, ${DURATION} s, against $base/sync"
wrk_out=$(TAP_PATH="${base#"$origin"}/sync" wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency \
  -s "$HERE/cone-wrk.lua" "$origin")
http_rate=$(awk '/^Requests\/sec:/ { print $2 }' <<< "$wrk_out")
p50=$(awk '$1 == "50%" { print $2 }' <<< "$wrk_out")
p99=$(awk '$1 == "99%" { print $2 }' <<< "$wrk_out")
printf '  %.0f queries/s, p50 %s, p99 %s\n' "$http_rate" "$p50" "$p99"
if grep -q 'Non-2xx' <<< "$wrk_out"; then
  echo "  WARNING: $(grep 'Non-2xx' <<< "$wrk_out" | xargs)"
fi
printf 'service / PostgreSQL: %.2f\n' "$(echo "$http_rate / $pg_rate" | bc -l)"
