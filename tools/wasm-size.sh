#!/usr/bin/env bash
# Prints the gzipped size of the release build's .wasm and .js (the figure to keep small).
set -euo pipefail
dist=${1:-dist}
total=0
for f in "$dist"/*.wasm "$dist"/*.js; do
  [ -e "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf 'size: %-40s %8d bytes, %7d bytes gzipped\n' "$(basename "$f")" "$raw" "$gz"
done
awk -v t="$total" 'BEGIN { printf "size: total gzipped .wasm + .js: %d bytes (%.1f KB)\n", t, t / 1024 }'
