#!/usr/bin/env bash
# How fast does an upload reach the database, next to psql's COPY FROM of the same rows? Sends
# N rows of demo.stars (source_id, ra, dec) as a VOTable upload (BINARY2 and TABLEDATA) with
# SELECT COUNT(*) FROM TAP_UPLOAD.t, and times psql loading the same rows as CSV into a
# temporary table with \copy ... FROM in one session. The service's time includes reading the
# multipart body, parsing the VOTable and everything it does to make the table queryable.
#
# Environment: TAP_URL (http://localhost:8080/tap), ROWS (1000000; the service's
# tap.upload.max-rows and max-bytes must allow them), PGHOST, PGPORT, PGUSER, TAP_DB.
set -euo pipefail

# shellcheck source=bench/lib.bash
. "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
ROWS=${ROWS:-1000000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

require_service
COLUMNS="source_id, ra, dec"

echo "preparing $ROWS rows as CSV and as VOTable..." >&2
psql -d "$TAP_DB" -qc "\\copy (SELECT $COLUMNS FROM demo.stars LIMIT $ROWS) TO '$WORK/rows.csv' CSV"
for format in votable/b2 votable/td; do
  curl -sSf -o "$WORK/${format#votable/}.vot" "$TAP_URL/sync" --data LANG=ADQL --data "MAXREC=$ROWS" \
    --data "RESPONSEFORMAT=$format" --data-urlencode "QUERY=SELECT TOP $ROWS $COLUMNS FROM demo.stars"
done

seconds() { /usr/bin/time -f %e -o "$WORK/time" "$@" > "$WORK/out"; cat "$WORK/time"; }

copy_seconds=$(seconds psql -d "$TAP_DB" -q <<SQL
CREATE TEMPORARY TABLE t (source_id bigint, ra double precision, dec double precision);
\\copy t FROM '$WORK/rows.csv' CSV
SQL
)
printf '%-22s %6.2f s %10.0f rows/s\n' "psql COPY FROM (CSV)" "$copy_seconds" "$(echo "$ROWS / $copy_seconds" | bc -l)"

for serialization in b2 td; do
  file=$WORK/$serialization.vot
  upload_seconds=$(seconds curl -sS "$TAP_URL/sync" -F LANG=ADQL -F UPLOAD=t,param:t \
    -F "t=@$file;type=application/x-votable+xml" -F RESPONSEFORMAT=csv \
    -F "QUERY=SELECT COUNT(*) AS n FROM TAP_UPLOAD.t")
  counted=$(tail -1 "$WORK/out" | tr -d '\r')
  [ "$counted" = "$ROWS" ] || { echo "upload of $serialization answered: $(cat "$WORK/out")" >&2; exit 1; }
  printf '%-22s %6.2f s %10.0f rows/s  %4d MB  %.2fx COPY time\n' "upload votable/$serialization" \
    "$upload_seconds" "$(echo "$ROWS / $upload_seconds" | bc -l)" "$(($(stat -c %s "$file") / 1048576))" \
    "$(echo "$upload_seconds / $copy_seconds" | bc -l)"
done
