# Shared by the benchmark scripts (sourced, not run): where the service and its database are.
# Environment: TAP_URL (http://localhost:8080/tap), PGHOST, PGPORT, PGUSER, TAP_DB (as for
# bin/setup-postgres).

TAP_URL=${TAP_URL:-http://localhost:8080/tap}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
TAP_DB=${TAP_DB:-tap}

require_service() {
  curl -sf "$TAP_URL/availability" >/dev/null || { echo "no TAP service at $TAP_URL" >&2; exit 1; }
}

server_pid() { # the pid of the server listening on TAP_URL's port, when it runs on this machine
  local port=${TAP_URL#*//*:}
  port=${port%%/*}
  ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true
}
