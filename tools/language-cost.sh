#!/usr/bin/env bash
# What the second language costs: builds the release app a second time with the Korean
# catalogue replaced by the English one (`--cfg scalelab_english_only`, see src/present/mod.rs)
# and prints the gzipped size of both builds and their difference. Usage: language-cost.sh
# [dist of the normal build, default dist/].
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
english_only=target/dist-english-only
log=target/english-only.log
mkdir -p target
# RUSTFLAGS replaces the flags of .cargo/config.toml: the app's own flag is repeated here.
if ! RUSTFLAGS="--cfg scalelab_english_only --cfg erase_components" CARGO_TARGET_DIR=target/english-only \
  trunk build --release --offline --skip-version-check --dist "$english_only" >"$log" 2>&1; then
  tail -n 40 "$log"
  exit 1
fi
size() {
  local total=0
  for f in "$1"/*.wasm "$1"/*.js; do
    total=$((total + $(gzip -9 -c "$f" | wc -c)))
  done
  echo "$total"
}
both=$(size "$dist")
english=$(size "$english_only")
awk -v b="$both" -v e="$english" 'BEGIN {
  over = b - e > 40 * 1024
  printf "language cost: English and Korean %.1f KB gzipped, English only %.1f KB, Korean adds %.1f KB (budget 40 KB%s)\n", b / 1024, e / 1024, (b - e) / 1024, over ? ": over it" : ""
}'
