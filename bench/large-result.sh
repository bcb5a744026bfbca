#!/usr/bin/env bash
# Does a result far larger than the heap stream in constant memory? Downloads N rows (default
# ten million) of demo.stars' columns as BINARY2 - demo.stars crossed with a TOP k subquery, so
# a one-million-row demo catalogue is enough - while sampling the server's heap every second
# (jstat), then prints the download's rate and the largest heap in use it saw.
#
# Start the service with a small heap to make the point, e.g.
#   TAP_JAVA_OPTS="-XX:+UseG1GC -Xmx256m" bin/tap run
# Environment: TAP_URL (http://localhost:8080/tap), ROWS (10000000), FORMAT (votable/b2),
# PGHOST, PGPORT, PGUSER, TAP_DB (as for bin/setup-postgres).
set -euo pipefail

# shellcheck source=bench/lib.bash
. "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
ROWS=${ROWS:-10000000}
FORMAT=${FORMAT:-votable/b2}
WORK=$(mktemp -d)
trap 'kill "${sampler:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

require_service
have=$(psql -d "$TAP_DB" -Atc "SELECT count(*) FROM demo.stars")
copies=$(( (ROWS + have - 1) / have ))
server_pid=$(server_pid)
[ -n "$server_pid" ] || { echo "the server of $TAP_URL is not on this machine" >&2; exit 1; }

# jstat alone in the background, read afterwards: a JVM ignores SIGPIPE, so a jstat piped into
# a reader that was killed would go on sampling for ever.
"$JAVA_HOME/bin/jstat" -gc "$server_pid" 1000 > "$WORK/gc" &
sampler=$!

start=$(date +%s.%N)
curl -sS -o /dev/null -w '%{http_code} %{size_download}\n' "$TAP_URL/sync" --data LANG=ADQL \
  --data "MAXREC=$ROWS" --data "RESPONSEFORMAT=$FORMAT" --data-urlencode \
  "QUERY=SELECT TOP $ROWS s.* FROM demo.stars AS s, (SELECT TOP $copies source_id FROM demo.stars) AS k" \
  > "$WORK/response"
end=$(date +%s.%N)
read -r code size < "$WORK/response"
[ "$code" = 200 ] || { echo "HTTP $code" >&2; exit 1; }
kill "$sampler"
# jstat's S0U S1U EU OU columns (KB): the heap in use, young and old generations together.
awk 'NR > 1 { printf "%d\n", ($3 + $4 + $6 + $8) / 1024 }' "$WORK/gc" > "$WORK/heap"
seconds=$(echo "$end - $start" | bc -l)
printf '%d rows %s: %d MB in %.1f s, %.0f rows/s\n' "$ROWS" "$FORMAT" "$((size / 1048576))" "$seconds" \
  "$(echo "$ROWS / $seconds" | bc -l)"
printf 'server heap in use, sampled each second: max %d MB, median %d MB (%d samples)\n' \
  "$(sort -n "$WORK/heap" | tail -1)" "$(sort -n "$WORK/heap" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')" \
  "$(wc -l < "$WORK/heap")"
awk '/^VmRSS|^VmHWM/ { printf "server %s %d MB\n", $1, $2 / 1024 }' "/proc/$server_pid/status"
