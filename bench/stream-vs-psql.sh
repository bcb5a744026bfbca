#!/usr/bin/env bash
# How fast does the service stream a large result, next to psql copying the same rows out of
# PostgreSQL in the same run? Downloads SELECT TOP N * FROM demo.stars from /sync in each
# output format, and times psql's \copy of the same rows to /dev/null.
#
# Environment: TAP_URL (http://localhost:8080/tap), ROWS (1000000), FORMATS (every format the
# service writes), PGHOST, PGPORT, PGUSER, TAP_DB (as for bin/setup-postgres).
set -euo pipefail

# shellcheck source=bench/lib.bash
. "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
ROWS=${ROWS:-1000000}
FORMATS=${FORMATS:-votable/b2 votable/b votable/td csv tsv fits parquet html}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

require_service
have=$(psql -d "$TAP_DB" -Atc "SELECT count(*) FROM demo.stars")
[ "$have" -ge "$ROWS" ] || { echo "demo.stars has $have rows, fewer than $ROWS" >&2; exit 1; }

server_pid=$(server_pid)
server_cpu() { # the server's CPU seconds so far (user + system), when it runs on this machine
  [ -n "$server_pid" ] && awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server_pid/stat"
}
server_memory() { # the server's current and peak RSS, when it runs on this machine
  [ -n "$server_pid" ] && awk '/^VmRSS|^VmHWM/ { printf "%s %d MB  ", $1, $2 / 1024 }' "/proc/$server_pid/status"
  echo
}

# measure LABEL COMMAND...: runs COMMAND (stdout to $WORK/out) under /usr/bin/time -v, prints
# its wall time, rows per second and peak RSS, and leaves the seconds in $elapsed.
measure() {
  local label=$1
  shift
  /usr/bin/time -v -o "$WORK/time" "$@" > "$WORK/out"
  elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0
      for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$WORK/time")
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$WORK/time")
  printf '%-11s %7.2f s %11.0f rows/s   client peak RSS %4d MB' "$label" "$elapsed" \
    "$(echo "$ROWS / $elapsed" | bc -l)" "$rss"
}

COPY="\\copy (SELECT * FROM demo.stars LIMIT $ROWS) TO '/dev/null'"
echo "warming the cache..." >&2
psql -d "$TAP_DB" -qc "$COPY"

echo "server before: $(server_memory)"
measure "psql \\copy" psql -d "$TAP_DB" -qc "$COPY"
echo
psql_seconds=$elapsed
for format in $FORMATS; do
  cpu_before=$(server_cpu)
  measure "$format" curl -sS -o /dev/null -w '%{http_code} %{size_download}\n' "$TAP_URL/sync" \
    --data LANG=ADQL --data REQUEST=doQuery --data "MAXREC=$ROWS" --data "RESPONSEFORMAT=$format" \
    --data-urlencode "QUERY=SELECT TOP $ROWS * FROM demo.stars"
  read -r code size < "$WORK/out"
  [ "$code" = 200 ] || { echo; echo "HTTP $code for $format" >&2; exit 1; }
  printf '   %4d MB   %.2fx psql time' "$((size / 1048576))" "$(echo "$elapsed / $psql_seconds" | bc -l)"
  # on a shared machine wall times follow the load; the server's CPU time follows its own work
  [ -n "$server_pid" ] && printf '   server CPU %5.2f s' "$(echo "$(server_cpu) - $cpu_before" | bc -l)"
  echo
done
echo "server after:  $(server_memory)"
