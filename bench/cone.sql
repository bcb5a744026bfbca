-- pgbench script for bench/cone.sh: the SQL the service runs for bench/cone-wrk.lua's queries.
\set ra random(0, 3599999) / 10000.0
\set dec random(-899999, 899999) / 10000.0
SELECT * FROM demo.stars WHERE spoint(radians(ra), radians(dec)) <@ scircle(spoint(radians(:ra), radians(:dec)), radians(0.1)) LIMIT 100;
