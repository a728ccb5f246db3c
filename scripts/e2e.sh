#!/usr/bin/env bash
# Starts the portal (unless one already answers on :3000), runs the browser
# tests in e2e-tests/ and then the MCP checks in e2e-tests/mcp/ against it
# (their output goes to <out>/mcp.log, a stage of its own in test.sh), and
# stops what it started.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set +e
OUT="${1:-$ROOT/.tools/test-results}"
mkdir -p "$OUT" "$ROOT/data/sqlite"
BASE_URL="${E2E_BASE_URL:-http://localhost:3000}"
BACKEND_URL="${E2E_BACKEND_URL:-http://localhost:7007}"

up() { curl -sf -o /dev/null "$1"; }

started=""
if ! up "$BASE_URL"; then
  log "Starting the portal for the browser tests"
  setsid node "$ROOT/.yarn/releases/yarn-4.13.0.cjs" start >"$OUT/portal.log" 2>&1 &
  started=$!
  trap '[ -n "$started" ] && kill -TERM -- -"$started" 2>/dev/null; sleep 2; kill -KILL -- -"$started" 2>/dev/null' EXIT
fi
for _ in $(seq 1 240); do
  up "$BASE_URL" && up "$BACKEND_URL/.backstage/health/v1/readiness" && break
  sleep 1
done
if ! up "$BACKEND_URL/.backstage/health/v1/readiness"; then
  echo "The portal did not become ready; last lines of its log:"
  tail -n 40 "$OUT/portal.log"
  echo "0 passed, 1 failed"
  exit 1
fi
# The catalog ingests the demo locations shortly after start; the browser
# run waits for its first MLModel before opening pages.
node "$ROOT/e2e-tests/run.mjs"
browser_rc=$?
# The MCP checks look for audit events in the backend's log: the log of the
# portal started here, or the one E2E_BACKEND_LOG names.
BACKEND_LOG="${E2E_BACKEND_LOG:-}"
[ -n "$started" ] && BACKEND_LOG="$OUT/portal.log"
E2E_BACKEND_URL="$BACKEND_URL" E2E_BACKEND_LOG="$BACKEND_LOG" \
  node "$ROOT/e2e-tests/mcp/run.mjs" >"$OUT/mcp.log" 2>&1
exit $browser_rc
