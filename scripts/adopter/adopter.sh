#!/usr/bin/env bash
# Installs the suite into a fresh stock Backstage app, the way an adopter
# would, and checks it in a browser:
#   1. builds and packs the six plugin packages into tarballs;
#   2. creates an app with @backstage/create-app (new frontend system, or the
#      legacy one with `legacy`) in a temporary folder outside the workspace
#      and brings it to the workspace's Backstage release;
#   3. applies the wiring the READMEs give in their `adopter:` blocks;
#   4. starts the app with its default SQLite config and a catalog of one
#      MLModel and one Dataset, runs the browser check and reads the backend
#      log for errors from the ModelOps plugins;
#   5. restarts the backend twice with one wiring step undone (the catalog
#      rules, the backend plugin) and expects the log line naming it.
# Prints one line per step and "<passed>/<run> steps passed".
#
#   bash scripts/adopter/adopter.sh [new|legacy] [result dir]
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
set +e
source "$(dirname "${BASH_SOURCE[0]}")/stockApp.sh"
FLAVOUR="${1:-new}"
OUT="${2:-$ROOT/.tools/adopter-$FLAVOUR}"
APP_PORT="${ADOPTER_APP_PORT:-3050}"
BACKEND_PORT="${ADOPTER_BACKEND_PORT:-7050}"
rm -rf "$OUT" && mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/modelops-adopter-$FLAVOUR.XXXXXX")"
APP="$WORK/app"
PACKS="$WORK/packs"
log "Stock app in $WORK"

passed=0; run=0
step() { # name, then the command
  local name="$1" t0=$SECONDS; shift
  run=$((run+1))
  if "$@"; then passed=$((passed+1)); echo "ok   $name ($((SECONDS-t0)) s)"; return 0; fi
  echo "FAIL $name ($((SECONDS-t0)) s)"; return 1
}
finish() {
  stop_group
  echo "$passed/$run steps passed"
  [ "${ADOPTER_KEEP:-}" = 1 ] || rm -rf "$WORK"
  [ "$passed" = "$run" ]
  exit
}
trap 'stop_group' EXIT
stock_app_tools

create_app() {
  create_stock_app "$APP" "$FLAVOUR" "$PACKS" "$APP_PORT" "$BACKEND_PORT"
}

wire() {
  local readmes=("$ROOT/README.md")
  [ "$FLAVOUR" = legacy ] && readmes+=("$ROOT/plugins/modelops/README.md")
  node "$ADOPTER_DIR/applyReadmeWiring.mjs" "$APP" "$FLAVOUR" "${readmes[@]}" >"$OUT/wiring.log" 2>&1 ||
    { tail -n 30 "$OUT/wiring.log"; return 1; }
  tail -n 1 "$OUT/wiring.log"
}

start_app() {
  start_in_group "$APP" "$OUT/app.log" node "$YARN_RELEASE" start
  wait_up "http://localhost:$BACKEND_PORT/.backstage/health/v1/readiness" 300 &&
    wait_up "http://localhost:$APP_PORT" 300 || { tail -n 30 "$OUT/app.log"; return 1; }
}

browser_check() {
  ADOPTER_APP_URL="http://localhost:$APP_PORT" ADOPTER_BACKEND_URL="http://localhost:$BACKEND_PORT" \
    node "$ADOPTER_DIR/browserCheck.mjs" "$OUT/screenshots" 2>&1 | tee "$OUT/browser.log"
  [ "${PIPESTATUS[0]}" = 0 ]
}

# Error lines the ModelOps plugins (plugin modelops, or the catalog's and
# scaffolder's modelops modules) wrote to the backend log.
no_plugin_errors() {
  local errors
  errors="$(grep -E '\b(error|ERROR)\b' "$OUT/app.log" | grep -iE 'modelops|mlmodel|dataset' | head -n 10)"
  [ -z "$errors" ] || { echo "$errors"; return 1; }
}

# Starts the backend alone with one change and expects a log line.
backend_says() { # expected text, then a command that undoes one wiring step
  local expected="$1"; shift
  cp -a "$APP/packages/backend/src/index.ts" "$WORK/index.ts.orig"
  cp -a "$APP/app-config.yaml" "$WORK/app-config.yaml.orig"
  "$@"
  start_in_group "$APP/packages/backend" "$OUT/backend-omission.log" node "$YARN_RELEASE" start
  local found=1
  for _ in $(seq 1 180); do
    grep -qF "$expected" "$OUT/backend-omission.log" && { found=0; break; }
    sleep 1
  done
  stop_group
  cp -a "$WORK/index.ts.orig" "$APP/packages/backend/src/index.ts"
  cp -a "$WORK/app-config.yaml.orig" "$APP/app-config.yaml"
  [ "$found" = 0 ] && grep -F "$expected" "$OUT/backend-omission.log" | head -n 1 | cut -c1-300
  return "$found"
}
forget_rules() { node -e '
  const fs = require("fs"), YAML = require(require.resolve("yaml", { paths: [process.argv[2]] }));
  const c = YAML.parse(fs.readFileSync(process.argv[1], "utf8"));
  c.catalog.rules = c.catalog.rules.filter(r => !(r.allow || []).includes("MLModel"));
  fs.writeFileSync(process.argv[1], YAML.stringify(c));' "$APP/app-config.yaml" "$ROOT"; }
forget_backend() { sed -i "/@modelops\/plugin-modelops-backend'/d" "$APP/packages/backend/src/index.ts"; }

step "pack the six packages" pack_suite "$PACKS" || finish
step "create a stock app ($FLAVOUR frontend system)" create_app || finish
step "upgrade it to Backstage $(node -p "require('$ROOT/backstage.json').version")" upgrade_stock_app "$APP" || finish
step "apply the README wiring" wire || finish
step "start the app" start_app || finish
step "browser check" browser_check
step "no errors from the ModelOps plugins in the backend log" no_plugin_errors
stop_group
step "forgotten catalog rules are named in the log" \
  backend_says "entities are not allowed by catalog.rules" forget_rules
step "forgotten backend plugin is named in the log" \
  backend_says "The ModelOps backend plugin is not installed" forget_backend
finish
