#!/usr/bin/env bash
# What the second language costs: builds the release app a second time with the Korean
# catalogue replaced by the English one (`--cfg scalelab_english_only`, see src/present/mod.rs)
# and prints the gzipped size of both builds and their difference, against the budget the
# second language was given: at most 40 KB gzipped. Usage: language-cost.sh [--check] [dist of
# the normal build, default dist/]; with --check (`make test`) it fails when over budget.
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
if [ "${1:-}" = "--check" ]; then
  check=true
  shift
fi
dist=${1:-dist}
budget_kb=40
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
awk -v b="$both" -v e="$english" -v budget="$budget_kb" 'BEGIN {
  over = b - e > budget * 1024
  printf "language cost: English and Korean %.1f KB gzipped, English only %.1f KB, Korean adds %.1f KB (budget %d KB%s)\n", b / 1024, e / 1024, (b - e) / 1024, budget, over ? ": OVER BUDGET" : ""
}'
if $check && [ $((both - english)) -gt $((budget_kb * 1024)) ]; then
  echo "language cost: Korean adds more than ${budget_kb} KB gzipped; trim what it added (tools/wasm-contributors.mjs names the catalogue's modules)" >&2
  exit 1
fi
