// `make bench`'s last step: gathers the figures the earlier steps wrote to target/bench/ (the
// native and wasm simulation benches' lines, the browser benches' JSON, the language cost) and
// the gzipped size of every file in dist/ the page loads, writes them all to
// target/bench/results.json and prints them as one table. Every figure says how many runs it is
// the median of. Usage: node tools/bench-table.mjs [bench dir] [dist dir]
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const dir = process.argv[2] ?? 'target/bench';
const dist = process.argv[3] ?? 'dist';
const read = (name) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), 'utf8') : '');

// Lines such as "sim/mm4_events_per_sec: 27.10 M events/s (median of 5, 1e7 events each)".
function benchLines(text, prefix) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${prefix}/(\\w+): ([\\d.]+) ([^(]*?)\\s*(\\((.*)\\))?$`).exec(line.trim());
    if (!m) continue;
    const runs = /median of (\d+)/.exec(m[5] ?? '');
    let value = Number(m[2]);
    let unit = m[3];
    // Millions are kept as plain numbers.
    if (unit.startsWith('M ')) {
      value *= 1e6;
      unit = unit.slice(2);
    }
    out[m[1]] = { value, unit, runs: runs ? Number(runs[1]) : 1 };
  }
  return out;
}
const jsonLine = (text) => {
  const line = text.split('\n').find((l) => l.trim().startsWith('{'));
  return line ? JSON.parse(line) : {};
};

const native = benchLines(read('native.log'), 'sim');
const wasm = benchLines(read('wasm.log'), 'wasm');
const app = jsonLine(read('app.json'));

// The in-app speed against flat out, measured in turn (pairs.log: a flat-out line, then the
// app's JSON line, five times): each ratio is of two figures taken minutes apart, and the
// figures are the medians of the pairs.
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pairs = [];
for (const line of read('pairs.log').split('\n')) {
  const flat = benchLines(line, 'wasm').chapter_final_300s_requests_per_sec;
  if (flat) pairs.push({ flat: flat.value });
  else if (line.trim().startsWith('{') && pairs.length && !pairs.at(-1).app) pairs.at(-1).app = JSON.parse(line);
}
const paired = pairs.filter((p) => p.app?.worker_requests_per_wall_s);
const pairMedian = (f, unit) => ({ value: median(paired.map(f)), unit, runs: paired.length });
const pairRatio = (key) => pairMedian((p) => p.app[key].value / p.flat, 'ratio');
if (paired.length) {
  wasm.chapter_final_300s_requests_per_sec = pairMedian((p) => p.flat, 'requests/s');
  for (const [key, f] of Object.entries(paired[0].app)) {
    if (key !== 'bench') app[key] = pairMedian((p) => p.app[key].value, f.unit);
  }
}
const drag = jsonLine(read('drag.json'));
const language = /Korean adds ([\d.]+) KB \(budget (\d+) KB/.exec(read('language.log'));

const results = { native, wasm, app, drag: {}, size: {}, language: {} };
if (drag.frame_p50_ms !== undefined) {
  results.drag = {
    frame_p50_ms: { value: drag.frame_p50_ms, unit: 'ms', runs: 1 },
    frame_p95_ms: { value: drag.frame_p95_ms, unit: 'ms', runs: 1 },
  };
}
if (language) results.language = { korean_adds_kb: { value: Number(language[1]), unit: 'KB', runs: 1, budget: Number(language[2]) } };

// What the page loads: the page (with its stylesheets inlined), the wasm and the JavaScript
// (the worker's bootstrap too), and the English lesson pack a first visit fetches with the
// gallery, each gzipped by `gzip -9`.
let total = 0;
const pageFiles = existsSync(dist) ? readdirSync(dist).filter((f) => /\.(html|wasm|js|css)$/.test(f)) : [];
if (existsSync(path.join(dist, 'lessons', 'en.txt'))) pageFiles.push('lessons/en.txt');
for (const file of pageFiles.sort()) {
  // gzip -9, as tools/wasm-size.sh measures the budget.
  const gz = spawnSync('gzip', ['-9', '-c', path.join(dist, file)], { maxBuffer: 1 << 28 }).stdout.length;
  total += gz;
  results.size[file] = { value: gz, unit: 'bytes gzipped', runs: 1 };
}
results.size.total = { value: total, unit: 'bytes gzipped', runs: 1 };

// The ratios the issue asks for, of figures measured in this sitting.
const ratio = (a, b) => (a && b ? { value: a.value / b.value, unit: 'ratio', runs: Math.min(a.runs, b.runs) } : undefined);
results.ratios = {
  native_chapter_events_to_mm4: ratio(native.chapter_final_events_per_sec, native.mm4_events_per_sec),
  wasm_chapter_events_to_mm4: ratio(wasm.chapter_final_events_per_sec, wasm.mm4_events_per_sec),
  // The app's speed runs 300 simulated seconds of the chapter final with its own seed: compared
  // with the flat-out run of that same workload, both steady (after a warm-up run).
  in_app_worker_to_flat_out_wasm: paired.length ? pairRatio('worker_requests_per_wall_s') : undefined,
  in_app_page_to_flat_out_wasm: paired.length ? pairRatio('page_requests_per_wall_s') : undefined,
};
writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const rows = [];
const row = (name, f, scale = 1, unit = f?.unit, digits = 2) =>
  rows.push([name, f ? (f.value * scale).toFixed(digits) : 'not measured', f ? unit : '', f ? String(f.runs) : '']);
row('M/M/4 event core, native', native.mm4_events_per_sec, 1e-6, 'M events/s');
row('M/M/4 event core, wasm', wasm.mm4_events_per_sec, 1e-6, 'M events/s');
row('chapter final, native', native.chapter_final_requests_per_sec, 1e-6, 'M requests/s');
row('chapter final, wasm flat out', wasm.chapter_final_requests_per_sec, 1e-6, 'M requests/s');
row('chapter final, wasm flat out, 300 s (the in-app workload)', wasm.chapter_final_300s_requests_per_sec, 1e-6, 'M requests/s');
row('chapter final events/s ÷ M/M/4 events/s, native', results.ratios.native_chapter_events_to_mm4, 100, '%', 1);
row('chapter final events/s ÷ M/M/4 events/s, wasm', results.ratios.wasm_chapter_events_to_mm4, 100, '%', 1);
row('in app, worker: chapter final requests per wall s (steady)', app.worker_requests_per_wall_s, 1e-6, 'M requests/s');
row("in app, worker: a fresh page's first run", app.worker_first_run_requests_per_wall_s, 1e-6, 'M requests/s');
row('in app, worker: chapter final events per wall s', app.worker_events_per_wall_s, 1e-6, 'M events/s');
row('  ÷ wasm flat out (same workload, the median of the pairs\' ratios)', results.ratios.in_app_worker_to_flat_out_wasm, 100, '%', 1);
row('in app, page fallback: chapter final requests per wall s (steady)', app.page_requests_per_wall_s, 1e-6, 'M requests/s');
row("in app, page fallback: a fresh page's first run", app.page_first_run_requests_per_wall_s, 1e-6, 'M requests/s');
row('in app, page fallback: chapter final events per wall s', app.page_events_per_wall_s, 1e-6, 'M events/s');
row('  ÷ wasm flat out (same workload, the median of the pairs\' ratios)', results.ratios.in_app_page_to_flat_out_wasm, 100, '%', 1);
row('60 s of chapter final at 100k req/s, worker', app.worker_wall_s_60s_at_100k, 1, 's wall');
row('60 s of chapter final at 100k req/s, page fallback', app.page_wall_s_60s_at_100k, 1, 's wall');
row('frame p50 while running (worker)', app.worker_running_frame_p50_ms, 1, 'ms');
row('frame p95 while running (worker)', app.worker_running_frame_p95_ms, 1, 'ms');
row('frame p50 while running (page fallback)', app.page_running_frame_p50_ms, 1, 'ms');
row('frame p95 while running (page fallback)', app.page_running_frame_p95_ms, 1, 'ms');
row('frame p50 while running, phone (390x844, CPU 4x slower; worker)', app.phone_running_frame_p50_ms, 1, 'ms');
row('frame p95 while running, phone (390x844, CPU 4x slower; worker)', app.phone_running_frame_p95_ms, 1, 'ms');
row('frames over 20 ms while running, phone', app.phone_running_frames_missed_pct, 1, '%');
row('frame p50 dragging a card during the run (worker)', app.worker_drag_during_run_frame_p50_ms, 1, 'ms');
row('frame p95 dragging a card during the run (worker)', app.worker_drag_during_run_frame_p95_ms, 1, 'ms');
row('frame p50 dragging a card during the run (page fallback)', app.page_drag_during_run_frame_p50_ms, 1, 'ms');
row('frame p95 dragging a card during the run (page fallback)', app.page_drag_during_run_frame_p95_ms, 1, 'ms');
row('frame p50 dragging, 200 components', results.drag.frame_p50_ms, 1, 'ms');
row('frame p95 dragging, 200 components', results.drag.frame_p95_ms, 1, 'ms');
row('worker started and ready', app.worker_ready_ms, 1, 'ms', 0);
row('frame sent from the worker, 5 a second (a snapshot and the samples since)', app.worker_snapshot_bytes, 1 / 1024, 'KB', 1);
row('  encoding it in the worker', app.worker_snapshot_encode_ms, 1, 'ms', 3);
row('  decoding it on the page', app.worker_snapshot_decode_ms, 1, 'ms', 3);
row('time to interactive, localhost', app.tti_localhost_ms, 1, 'ms', 0);
row('time to interactive, 4 Mbps / 100 ms', app.tti_throttled_ms, 1, 'ms', 0);
for (const [file, f] of Object.entries(results.size)) row(`gzipped: ${file}`, f, 1 / 1024, 'KB', 1);
row('Korean adds (budget 40 KB)', results.language.korean_adds_kb, 1, 'KB', 1);
row('wasm memory after 1 simulated hour, worker', app.worker_memory_after_1h_mb, 1, 'MiB', 1);
row('wasm memory after 1 simulated hour, page', app.page_memory_after_1h_mb, 1, 'MiB', 1);

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['figure', 'value', 'unit', 'runs'][i].length));
const line = (r) => `| ${r.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
console.log(line(['figure', 'value', 'unit', 'runs']));
console.log(`|${widths.map((w, i) => (i === 1 || i === 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`(runs: how many runs each figure is the median of; all of it in ${path.join(dir, 'results.json')})`);
