#!/usr/bin/env bash
# Installs what the build and the tests need, skipping every tool already present at the right
# version. Usage: tools/ensure.sh build|test
#   build: the wasm32 target, trunk, wasm-bindgen-cli (matching Cargo.lock), wasm-opt (binaryen)
#   test:  all of the above plus Chromium, ChromeDriver and Playwright
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then return; fi
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then return; fi
  say "installing trunk $TRUNK_VERSION (takes several minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
    && command -v wasm-bindgen-test-runner >/dev/null; then return; fi
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches Cargo.lock)"
  # Not --locked: the CLI's own lock file names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
}

ensure_node_tools() {
  if [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/playwright ] \
    && [ node_modules/.package-lock.json -nt package-lock.json ]; then return; fi
  say "installing wasm-opt (binaryen) and Playwright from package-lock.json"
  npm ci --no-audit --no-fund
}

ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  say "installing Chromium and ChromeDriver"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
}

# Trunk builds offline (Trunk.toml): the crates Cargo.lock names must be here first. Quick and
# silent when they already are.
ensure_crates() {
  cargo fetch --locked --quiet
}

case "${1:-}" in
  build)
    ensure_wasm_target; ensure_node_tools; ensure_trunk; ensure_wasm_bindgen; ensure_crates ;;
  test)
    ensure_wasm_target; ensure_node_tools; ensure_chromium; ensure_trunk; ensure_wasm_bindgen
    ensure_crates ;;
  *)
    echo "usage: tools/ensure.sh build|test" >&2; exit 2 ;;
esac
