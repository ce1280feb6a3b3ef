#!/usr/bin/env bash
# Cargo's runner for the wasm benchmark: optimizes the test's .wasm with wasm-opt exactly as the
# web app is (the level and parameters on index.html's rust link, which trunk passes to
# wasm-opt), then runs it in headless Chromium. The figures are then those of the code users get.
# Usage (as CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER): shipped-wasm-runner.sh FILE.wasm [ARGS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
link=$(grep -o '<link data-trunk rel="rust"[^>]*>' "$root/index.html")
level=$(sed -n 's/.*data-wasm-opt="\([^"]*\)".*/\1/p' <<<"$link")
params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' <<<"$link")
if [ -z "$level" ]; then
  echo "shipped-wasm-runner: no data-wasm-opt level on index.html's rust link" >&2
  exit 1
fi
wasm=$1
shift
optimized="${wasm%.wasm}.shipped.wasm"
# shellcheck disable=SC2086 # the parameters are words, as trunk splits them
wasm-opt "-O$level" $params "$wasm" -o "$optimized"
echo "wasm/optimized_as_shipped: wasm-opt -O$level $params (index.html's settings for the app)"
exec wasm-bindgen-test-runner "$optimized" "$@"
