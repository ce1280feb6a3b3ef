#!/usr/bin/env bash
# The web app's download, held to a budget: prints the gzipped size of every file in the release
# build that the page loads (index.html, the .css, the .js and the .wasm, and the English lesson
# pack, which a first visit fetches with the gallery; not fidelity.md, which only a link opens,
# nor the Korean pack, which only a Korean screen fetches: tools/language-cost.sh counts it),
# then the biggest contributors to the wasm (tools/wasm-contributors.mjs), and
# fails when the total is over the budget. `make test` runs it after the release build.
# Usage: wasm-size.sh [dist, default dist/]
set -euo pipefail
dist=$(cd "${1:-dist}" && pwd)
cd "$(dirname "$0")/.."

# The budget for everything the page loads, gzipped: the size reached, rounded up to the next
# whole KB, plus 3 KB of headroom (751.0 KB now, the standard library's float formatting
# replaced by the app's own writer of numbers (scalelab_core::decimal) having saved 4.4 KB;
# 755.6 KB before, the faults a run applied marked on its
# charts and worded near the pointer having added 3.8 KB and in the CSV export 0.9, a datacenter's title cut before the
# figures over its cards and the tidying after it 0.8; 750.1 KB before, a refused traffic or scenario edit said in the
# editor's notice rather than logged with the errors' debug formatting having saved 3.7 KB;
# 753.8 KB before, the release build's page minified (its comments
# and the inlined stylesheets' spacing, Trunk's `minify`) having saved 6.1 KB; 759.9 KB before,
# the app's ordered maps and sets made sorted
# vectors rather than B-trees (`scalelab::sorted`) having saved 14.3 KB, serde_json's objects
# kept in insertion order 4.2 and the canvas's rows and the CSV's columns kept in sorted
# vectors rather than hash tables 1.7; 780.1 KB before, a
# card's watched figure from afar having added 2.4 KB; 777.7 KB before: a population's failed requests on its badge
# and in the inspector, the first ten seconds said as since the start, per-field refusals, the
# idle session store's finding, settings named in a file's errors, the restart said in a lesson,
# a web tier's queue charted and the zoom levels added 2.5 KB; 775.2 KB before, with the English
# lesson pack's 5.5 KB: the lessons' narration, hints and simplifications fetched per language
# rather than compiled in for both took 777.2 KB to 768.1 KB without the pack, and the pack's
# notices in the panel, a new step scrolled into view, the error alert's line said and the
# restore banner going on undo added 1.3 KB; 777.3 KB before: the run keys, a fault past the
# run's end said beside it, a card's title leaving out the datacenter its frame names, a lesson's setting link
# naming a region, replaced work offered again after a reload, another app's file named so,
# frames kept off each other and resized no smaller than their cards, a refused value said as
# the inspector closes, the narration's order, a population's badge, the long press, the hit
# ratio's gaps, the objective marks as a button and lesson 10's wrong guesses said added 6.4
# KB; 770.9 KB before: a drag held at the canvas's edge panning the
# view, the keyboard's focus kept on the canvas and given back by the dialogs, additions,
# deletions, pastes, undo and redo announced in both languages, a long run charted and exported
# whole, twin wires named by their port, exports named after the file opened and the wiring's
# status fading added 8.0 KB; 762.9 KB before: numeric fields read as typed, with a decimal
# comma, an exponent, the arrow keys and Escape putting a setting back, run badges fitted to
# the room above their card, the empty canvas's menu, the parser's refusals of a file worded
# by field in both languages, a damaged lesson link opening its lesson at the start, a pan
# keeping a wire aimed by touch, a datacenter's long name cut and a phone's palette hint
# added 5.9 KB; 757.0 KB before: the editor refusing what a file cannot hold,
# with the load fields' refusals and the share format's checks it shares, the badges' lines
# split, the keyboard in the share dialog, the export menu and the modal dialogs, and the kept
# autosave offered as a file added 8.0 KB; 749.0 KB before, after a fifth round of size work
# from 767.8 KB: every keyed list and shown-or-not view through one For and one Show
# (ui::erase), numbers through one instance of the unstable sort; 768.2 KB before: the wheel that pans for a trackpad, chosen in
# the shortcuts help with its words in both languages, added 1.6 KB, Tab through the canvas's
# cards before its wires and datacenters, each brought into view, 1.6; 765.1 KB before: the palette's rail of icons (its button, and
# narrowed while a lesson is open) and a held objective's figure said as the worst added 1.0
# KB, wires and datacenters as tab stops with their names and a frame nudged by the arrows
# 1.8, the Korean key words as a table and particles read in place saved 0.1; 762.4 KB before, one thousands grouping for every figure having saved 0.6 KB;
# 763.0 KB before: a whole-number setting's range found and said
# whatever was typed, an emptied field and a refused seed said, a file or link opened over work
# one undo away, frames holding what they show, Escape ending a palette drag, a card's cut label
# keeping its copy number, a datacenter down outlined from afar and named once, two datacenters
# of one name flagged, lesson 10's culprit found after its run, run badges cut to their box,
# Korean percents, money and particles, the log's grouped counts and the keys read by code,
# 6.3 KB in all; 756.7 KB before: a phone's lessons readable and usable, cards
# zoomed far out showing their labels and their live state as an outline, the setting link
# opening the inspector's sheet, the run panel folded on a phone, the restart after an edit
# said, the next lesson offered, larger touch targets, the header's fades and the gallery's
# sticky title, 5.0 KB; Korean figures grouped by 만, dollars to the cent, a CDN's TTL in
# Korean, a found culprit selected, the datacenters' names from afar and a failed objective's
# worst figure 1.5; 750.2 KB before: a fault taking one web server at a time, a
# balancer's health checks of each server and their log lines, lesson 3 saying so, 2.5 KB;
# lesson 1's utilization objective, a cut-off file's own message, alerts kept while nothing
# arrives and durations in the screen's language 1.1; the lesson panel below the banner, pastes
# brought into view, fault targets named by port, selection counts in plain words, whole-run
# charts drawn at most four points a pixel column and the rest 1.2; sessions found on no other
# server 0.3; the failure chart's last window, the cards' titles and Korean seconds 0.2;
# 744.6 KB before: a chart of a part the design lacks saying so,
# its note a class rather than a second view, 2.0 KB; the load fields taking every population
# together in one undo step 2.3; a lesson's panel left out of fits on narrow canvases 0.8; the
# open lesson resumed after a reload 0.2; gaps in the latency line, axis ticks, the cost badge
# at a run's end and Korean seconds 0.7; 738.6 KB before: the lesson panel's objective marks, a latency
# axis in seconds and the review's sessions findings kept to diagrams where someone logs in
# added 1.7 KB; 737.2 KB before: components alike told apart in the lessons' and examples'
# labels, the log naming each component, a failed objective's moment, latencies in seconds and
# the filled traffic preview added 1.4 KB; 735.0 KB before, kept within the same budget: the
# charts waiting for the clock and the run bar's speed figures added 0.4 KB; 734.6 KB: charts
# out of view left undrawn during a run added 2.0 KB, the canvas overlay's wires routed once
# per edit rather than twice per snapshot 1.3; 731.3 KB before: the shard heatmap's recycled
# cells took 730.1 to 728.9 KB, its readout of the cell under the pointer or a finger and the
# memo of its rows added 2.4; 730.1 KB after the fourth round of size work, from 739.6 KB:
# every effect and memo of the view through one closure type (ui::erase), the run panel's data
# attributes written by one effect, the run history's maps of previous counts of one type, a
# wire's ends found without a hash map of their own, the fault schedule and the theory's sample
# times through the one stable sort; 770.6 -> 739.1 KB in the third round: no Unicode case
# tables, wasm-opt's --low-memory-unused, fewer copies of the standard library's sort, the
# inspector's form through the share format's serde). The target is 330 KB; the breakdown below
# shows where the rest is.
budget_kb=755

total=0
while IFS= read -r f; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf 'size: %-44s %8d bytes, %7d bytes gzipped\n' "${f#"$dist"/}" "$raw" "$gz"
done < <(find "$dist" -type f -not -path '*/.*' \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.wasm' -o -path "$dist/lessons/en.txt" \) | sort)
node tools/wasm-contributors.mjs target/wasm32-unknown-unknown/release/scalelab.wasm 15
awk -v t="$total" -v b="$budget_kb" 'BEGIN {
  printf "size: everything the page loads (.html, .css, .js, .wasm, the English lessons): %d bytes gzipped (%.1f KB), budget %d KB\n", t, t / 1024, b
  if (t > b * 1024) {
    printf "size: over the budget by %.1f KB: see the biggest contributors above\n", t / 1024 - b
    exit 1
  }
}'
