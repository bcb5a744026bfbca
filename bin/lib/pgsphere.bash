# Shared by bin/setup-postgres and the PostgreSQL image in deploy/ (sourced, not run).

# Debian's pgsphere 1.2.0 ships a block of operators kept for an older client's sake whose
# commutator declarations clash with the extension's own, so CREATE EXTENSION pg_sphere fails
# ("commutator operator @> is already the commutator of ..."). Removing that block leaves every
# operator ADQL needs. $1 is the extension directory; the original is kept beside the script.
repair_pgsphere_script() {
  local script="$1/pg_sphere--1.2.0.sql"
  [ -f "$script" ] || return 0
  grep -q 'backwards-compatible operators for GAVO DaCHS' "$script" || return 0
  echo "removing the DaCHS compatibility operators from $script" >&2
  cp -n "$script" "$script.orig"
  awk '/backwards-compatible operators for GAVO DaCHS/ { skip = 1 }
       skip && /^-- debugging/ { skip = 0 }
       !skip' "$script.orig" > "$script.tmp"
  sed -i '/^-- a minimal set of backwards-compatible operators/d' "$script.tmp"
  mv "$script.tmp" "$script"
}
