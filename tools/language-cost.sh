#!/usr/bin/env bash
# What the second language costs: builds the release app a second time with the Korean
# catalogue replaced by the English one (`--cfg scalelab_english_only`, see src/present/mod.rs)
# and prints the gzipped size of both builds and their difference, plus what a Korean screen
# fetches in place of an English one: the Korean lesson pack instead of the English
# (dist/lessons/, src/present/lesson_pack.rs). Usage: language-cost.sh
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
pack_ko=$(gzip -9 -c "$dist/lessons/ko.txt" | wc -c)
pack_en=$(gzip -9 -c "$dist/lessons/en.txt" | wc -c)
awk -v b="$both" -v e="$english" -v k="$pack_ko" -v n="$pack_en" 'BEGIN {
  cost = b - e + k - n
  over = cost > 40 * 1024
  printf "language cost: English and Korean %.1f KB gzipped, English only %.1f KB; lessons in Korean %.1f KB, in English %.1f KB; Korean adds %.1f KB (budget 40 KB%s)\n", b / 1024, e / 1024, k / 1024, n / 1024, cost / 1024, over ? ": over it" : ""
}'
