#!/usr/bin/env bash
# What the suite adds to a stock Backstage app, measured in one run: a stock
# app from @backstage/create-app (new frontend system) against the same app
# with the six packed packages installed and wired as the README says.
# Prints one table: install time (yarn install from the lockfile, warm
# cache, no node_modules), build time (frontend and backend bundles),
# backend start to readiness, backend RSS after start and after one
# scorecard evaluation of the adopter catalog, and the frontend's initial
# JavaScript (the scripts index.html loads; bytes and gzip).
#
#   bash bench/footprint/footprint.sh [result dir]
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
set +e
source "$ROOT/scripts/adopter/stockApp.sh"
OUT="${1:-$ROOT/.tools/footprint}"
rm -rf "$OUT" && mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/modelops-footprint.XXXXXX")"
APP_PORT="${FOOTPRINT_APP_PORT:-3060}"
BACKEND_PORT="${FOOTPRINT_BACKEND_PORT:-7060}"
BACKEND="http://localhost:$BACKEND_PORT"
trap 'stop_group; [ "${FOOTPRINT_KEEP:-}" = 1 ] || rm -rf "$WORK"' EXIT
stock_app_tools

fail() { echo "footprint: $*" >&2; exit 1; }
seconds() { local t0=$EPOCHREALTIME; "$@" || return 1; echo "$EPOCHREALTIME - $t0" | bc; }
quiet() { local logfile="$1"; shift; "$@" >>"$logfile" 2>&1 || { tail -n 20 "$logfile" >&2; return 1; }; }

# Resident memory of the process serving the backend port, in MB.
backend_rss() {
  local pid
  pid="$(ss -Hltnp "sport = :$BACKEND_PORT" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)"
  [ -n "$pid" ] && awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"
}

guest_token() {
  curl -sf -X POST -H 'X-Requested-With: XMLHttpRequest' "$BACKEND/api/auth/guest/refresh" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))'
}

# measure NAME DIR: fills M_<metric>_<NAME>.
measure() {
  local name="$1" dir="$2" logfile="$OUT/$1.log" t
  log "$name: install"
  rm -rf "$dir/node_modules" "$dir"/packages/*/node_modules
  t="$(cd "$dir" && seconds quiet "$logfile" yarn install --immutable)" || fail "$name: install failed"
  eval "M_install_$name=$t"
  log "$name: build"
  t="$(cd "$dir" && seconds quiet "$logfile" yarn workspace app build)" || fail "$name: app build failed"
  local t2
  t2="$(cd "$dir" && seconds quiet "$logfile" yarn workspace backend build)" || fail "$name: backend build failed"
  eval "M_build_$name=$(echo "$t + $t2" | bc)"
  read -r js gz <<<"$(node "$ROOT/bench/footprint/initialJs.mjs" "$dir/packages/app/dist")"
  eval "M_js_$name=$js; M_gz_$name=$gz"
  log "$name: backend start"
  local t0=$EPOCHREALTIME
  start_in_group "$dir/packages/backend" "$OUT/$name-backend.log" node "$YARN_RELEASE" start
  wait_up "$BACKEND/.backstage/health/v1/readiness" 300 || fail "$name: the backend never became ready"
  eval "M_start_$name=$(echo "$EPOCHREALTIME - $t0" | bc)"
  # Let start-up work (migrations, first catalog pass) settle before reading memory.
  sleep 20
  eval "M_rss_$name=$(backend_rss)"
  if [ "$name" = suite ]; then
    local token
    token="$(guest_token)"
    for _ in $(seq 1 120); do
      curl -sf -o /dev/null -H "authorization: Bearer $token" \
        "$BACKEND/api/catalog/entities/by-name/mlmodel/default/fraud-scorer" && break
      sleep 1
    done
    curl -sf -X POST -H "authorization: Bearer $token" -H 'content-type: application/json' -d '{}' \
      "$BACKEND/api/modelops/scorecards/evaluate" >"$OUT/evaluation.json" || fail "the scorecard evaluation failed"
    eval "M_rsseval_$name=$(backend_rss)"
  fi
  stop_group
}

log "Packing the suite"
pack_suite "$WORK/packs" || fail "packing failed"
log "Creating the stock app and the app with the suite"
create_stock_app "$WORK/stock" new "" "$APP_PORT" "$BACKEND_PORT" || fail "create-app failed"
create_stock_app "$WORK/suite" new "$WORK/packs" "$APP_PORT" "$BACKEND_PORT" || fail "create-app failed"
upgrade_stock_app "$WORK/stock" && upgrade_stock_app "$WORK/suite" || fail "upgrade failed"
quiet "$OUT/wiring.log" node "$ROOT/scripts/adopter/applyReadmeWiring.mjs" "$WORK/suite" new "$ROOT/README.md" ||
  fail "the README wiring failed"

measure stock "$WORK/stock"
measure suite "$WORK/suite"

row() { # label, stock, suite, unit
  local ratio="n/a"
  [ -n "$2" ] && [ -n "$3" ] && ratio="$(echo "scale=3; $3 / $2" | bc)"
  printf '| %-34s | %12s | %12s | %6s |\n' "$1" "$2 $4" "$3 $4" "$ratio"
}
echo
printf '| %-34s | %12s | %12s | %6s |\n' metric stock "with suite" ratio
echo "| ---------------------------------- | -----------: | -----------: | -----: |"
row "yarn install (warm cache)" "$(printf %.1f "$M_install_stock")" "$(printf %.1f "$M_install_suite")" s
row "build (app + backend)" "$(printf %.1f "$M_build_stock")" "$(printf %.1f "$M_build_suite")" s
row "backend start to readiness" "$(printf %.1f "$M_start_stock")" "$(printf %.1f "$M_start_suite")" s
row "backend RSS after start" "$M_rss_stock" "$M_rss_suite" MB
row "backend RSS after one evaluation" "" "$M_rsseval_suite" MB
row "initial JS" "$M_js_stock" "$M_js_suite" B
row "initial JS, gzip" "$M_gz_stock" "$M_gz_suite" B
echo
echo "initial JS added by the suite: $((M_gz_suite - M_gz_stock)) B gzip (goal: at most 5120)"
