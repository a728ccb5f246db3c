#!/usr/bin/env bash
# Starts the demo portal (http://localhost:3000, backend on :7007) with the
# embedded SQLite database under data/ and the demo organisation, ML portfolio,
# evidence and cost history loaded from examples/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$ROOT/data/sqlite"
log "Starting the portal at http://localhost:3000 (Ctrl+C to stop)"
exec node "$ROOT/.yarn/releases/yarn-4.13.0.cjs" start "$@"
