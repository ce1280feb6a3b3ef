// The app's browser figures for `make bench` (release build, headless Chromium), printed as one
// JSON line: each figure with its unit and how many runs it is the median of.
//
// - Time to an interactive canvas: from navigation to the canvas mounted with its listeners, on
//   localhost and on a link throttled to 4 Mbps / 100 ms (Chromium's network emulation), cold
//   cache, files gzipped as GitHub Pages sends them.
// - The chapter final at 100k requests/s for 60 simulated seconds "as fast as possible", in the
//   background worker and on the page (the fallback): wall time, frame times while it runs, and
//   what a snapshot costs to send.
// - The chapter final at its own load and seed for 300 simulated seconds "as fast as possible",
//   in the worker and on the page: user requests and events simulated per wall second, to set
//   beside the flat-out run of the same workload (`tests/wasm_bench.rs`). Like that figure, the
//   steady speed is a second run in the same page; a fresh page's first run is reported too.
// - Frame times while dragging a card during that run (in the worker and on the page).
// - Frame times while the chapter final runs 300 s at 100k requests/s in the worker on a phone:
//   a 390x844 touch screen at 3 device pixels a CSS pixel, with Chromium's CPU throttling
//   making the page 4x slower.
// - Wasm memory after one simulated hour of the chapter final (at a tenth of the load).
//
// Usage (after `trunk build --release`): node tests/e2e/bench-app.mjs [runs, default 3]
//   [parts, default tti,worker,page,speed,phone,drag,memory]
import { chromium } from '@playwright/test';
import { CHROMIUM } from './chromium.mjs';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = 4183;
const RUNS = Number(process.argv[2] ?? 3);
const PARTS = new Set((process.argv[3] ?? 'tti,worker,page,speed,phone,drag,memory').split(','));
const URL = `http://127.0.0.1:${PORT}/`;
const PHONE_SLOWDOWN = 4;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const figure = (values, unit) => ({ value: Number(median(values).toFixed(3)), unit, runs: values.length });

// The chapter final with every user population scaled to `rps` in total (as it is if `rps` is
// null), `seconds` long.
function chapterFinal(rps, seconds) {
  const doc = JSON.parse(readFileSync(path.join(here, '..', 'fixtures', 'chapter_final.json'), 'utf8'));
  const users = doc.components.filter((c) => c.kind === 'users').map((c) => c.config);
  const rate = (u) =>
    u.load.rate ? u.load.rate.rate_rps : u.load.active_users.active_users * u.load.active_users.requests_per_user_per_s;
  const total = users.reduce((s, u) => s + rate(u), 0);
  if (!users.length || !(total > 0)) throw new Error('no user populations found in the fixture');
  for (const u of rps === null ? [] : users) {
    const k = rps / total;
    if (u.load.rate) u.load.rate.rate_rps *= k;
    else u.load.active_users.active_users = Math.round(u.load.active_users.active_users * k);
  }
  doc.scenario.duration_s = seconds;
  return JSON.stringify(doc);
}

const server = spawn('node', [path.join(here, 'serve.mjs'), String(PORT)], {
  stdio: 'ignore',
  env: { ...process.env, CROSS_ORIGIN_ISOLATED: '1', GZIP: '1' },
});
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch(CHROMIUM);

// A fresh page (cold cache) with `doc` as its autosave, optionally without Web Workers.
async function open(doc, { noWorker = false, throttle = false, phone = false } = {}) {
  const context = await browser.newContext(
    phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 }
      : { viewport: { width: 1440, height: 900 } },
  );
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(
    ({ json, noWorker }) => {
      if (json && !sessionStorage.getItem('bench-seeded')) {
        localStorage.setItem('scalelab.autosave.v1', json);
        sessionStorage.setItem('bench-seeded', '1');
      }
      if (noWorker) delete window.Worker;
      // The moment the canvas is in the page with its listeners (the app mounts them together).
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid=canvas]')) {
          window.__interactive = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    },
    { json: doc, noWorker },
  );
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 100,
      downloadThroughput: (4e6 / 8),
      uploadThroughput: (4e6 / 8),
    });
  }
  if (phone) {
    // A phone-class processor: Chromium's CPU throttling, four times slower than this machine.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_SLOWDOWN });
  }
  await page.goto(URL);
  await page.waitForFunction(() => window.__interactive !== undefined, null, { timeout: 60_000 });
  const check = () => {
    if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
  };
  return { page, context, check };
}

async function timeToInteractive(throttle) {
  const { page, context, check } = await open(null, { throttle });
  const ms = await page.evaluate(() => window.__interactive);
  check();
  await context.close();
  return ms;
}

// Starts recording requestAnimationFrame timestamps.
const recordFrames = (page) =>
  page.evaluate(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => {
      if (!window.__recording) return;
      window.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
const stopFrames = async (page) => {
  const frames = await page.evaluate(() => {
    window.__recording = false;
    return window.__frames;
  });
  return frames.slice(1).map((t, i) => t - frames[i]);
};

// Runs the seeded document to its end as fast as possible, in a fresh page.
async function runToEnd(doc, noWorker, { phone = false } = {}) {
  const { page, context, check } = await open(doc, { noWorker, phone });
  const result = await runOnce(page, noWorker);
  check();
  await context.close();
  return result;
}

// Runs the document on `page` to its end as fast as possible (from the start: a run that
// finished is reset first).
async function runOnce(page, noWorker, { frames = true } = {}) {
  const panel = page.getByTestId('metrics');
  await page.getByTestId('run-toggle').waitFor();
  if ((await panel.getAttribute('data-status')) === 'finished') {
    await page.getByTestId('run-reset').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=metrics]').dataset.status === 'ready');
  }
  const place = await panel.getAttribute('data-sim-place');
  if (place !== (noWorker ? 'page' : 'worker')) throw new Error(`the run is in the ${place}`);
  await page.getByTestId('run-speed').selectOption('max');
  if (frames) await recordFrames(page);
  // When the run starts and ends, to the millisecond, and what each snapshot sent cost, all
  // recorded in the page as the panel's attributes change: polling them from here would add
  // the page work of a round trip every few hundred milliseconds to what is measured.
  await page.evaluate(() => {
    const panel = document.querySelector('[data-testid=metrics]');
    window.__at = {};
    window.__sends = [];
    window.__finished = new Promise((resolve) => {
      window.__statusObserver?.disconnect();
      window.__statusObserver = new MutationObserver((records) => {
        window.__at[panel.dataset.status] ??= performance.now();
        const bytes = Number(panel.dataset.snapshotBytes);
        if (bytes > 0 && records.some((r) => r.attributeName === 'data-snapshot-bytes')) {
          window.__sends.push({
            bytes,
            encode: Number(panel.dataset.snapshotEncodeMs),
            decode: Number(panel.dataset.snapshotDecodeMs),
          });
        }
        if (panel.dataset.status === 'finished') resolve();
      });
      window.__statusObserver.observe(panel, {
        attributes: true,
        attributeFilter: ['data-status', 'data-snapshot-bytes'],
      });
    });
  });
  await page.getByTestId('run-toggle').click();
  const sends = await page.evaluate(async () => {
    await window.__finished;
    return window.__sends;
  });
  const at = await page.evaluate(() => window.__at);
  const wall = (at.finished - at.running) / 1000;
  const gaps = frames ? await stopFrames(page) : [];
  const summary = await panel.getAttribute('data-run-summary');
  const arrived = Number(/arrived=(\d+)/.exec(summary)?.[1]);
  const events = Number(/events=(\d+)/.exec(summary)?.[1]);
  const ready = Number(await panel.getAttribute('data-worker-ready-ms'));
  const memory = {
    worker: Number(await panel.getAttribute('data-worker-memory-bytes')),
    page: Number(await panel.getAttribute('data-page-memory-bytes')),
  };
  // Frames that missed their turn (a gap past 20 ms at 60 Hz), as a share of all frames.
  const missed = gaps.length ? (100 * gaps.filter((g) => g > 20).length) / gaps.length : 0;
  return { wall, rps: arrived / wall, eps: events / wall, p50: quantile(gaps, 0.5), p95: quantile(gaps, 0.95), missed, sends, memory, summary, ready };
}

// A fresh page's first run of `doc`, then a second run of it in the same page: the first
// includes the engine warming up (V8 swaps in optimized code for the hot functions while they
// run); the second is the steady speed, as the flat-out figure is taken after a warm-up run.
// Frame times are not recorded here: a callback on every animation frame would make the page
// draw 60 frames a second where the app alone draws fewer, on the cores the worker shares.
async function firstAndSteady(doc, noWorker) {
  const { page, context, check } = await open(doc, { noWorker });
  const first = await runOnce(page, noWorker, { frames: false });
  const steady = await runOnce(page, noWorker, { frames: false });
  if (first.summary !== steady.summary) throw new Error('a second run of the same seed differs');
  check();
  await context.close();
  return { first, steady };
}

// Drags a card back and forth for 300 frames during a run of the chapter final.
async function dragDuringRun(doc, noWorker) {
  const { page, context, check } = await open(doc, { noWorker });
  const panel = page.getByTestId('metrics');
  await page.getByTestId('run-speed').selectOption('max');
  await page.getByTestId('run-toggle').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=metrics]').dataset.simTime) > 1);
  const card = page.getByTestId('component-card').filter({ hasText: 'Cache (DC1)' }).locator('.card-body');
  const box = await card.boundingBox();
  const gaps = await page.evaluate(async ({ x, y }) => {
    const canvas = document.querySelector('[data-testid=canvas] svg') ?? document.querySelector('[data-testid=canvas]');
    const fire = (type, px, py, buttons) =>
      canvas.dispatchEvent(new PointerEvent(type, {
        bubbles: true, cancelable: true, composed: true, clientX: px, clientY: py,
        pointerId: 1, isPrimary: true, pointerType: 'mouse', button: type === 'pointermove' ? -1 : 0, buttons,
      }));
    document.elementFromPoint(x, y).dispatchEvent(new PointerEvent('pointerdown', {
      bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y,
      pointerId: 1, isPrimary: true, pointerType: 'mouse', button: 0, buttons: 1,
    }));
    const stamps = [];
    await new Promise((done) => {
      let i = 0;
      const step = (t) => {
        stamps.push(t);
        if (++i > 300) return done();
        fire('pointermove', x + 120 * Math.sin(i / 20), y + 80 * Math.cos(i / 25) - 80, 1);
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    fire('pointerup', x, y, 0);
    return stamps.slice(1).map((t, i) => t - stamps[i]);
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  const after = await card.boundingBox();
  if (Math.abs(after.x - box.x) + Math.abs(after.y - box.y) < 1) throw new Error('the drag did not move the card');
  if ((await panel.getAttribute('data-status')) !== 'running') throw new Error('the run stopped during the drag');
  check();
  await context.close();
  return { p50: quantile(gaps, 0.5), p95: quantile(gaps, 0.95) };
}

try {
  const out = { bench: 'app' };
  if (PARTS.has('tti')) {
    const local = [];
    for (let i = 0; i < 5; i++) local.push(await timeToInteractive(false));
    out.tti_localhost_ms = figure(local, 'ms');
    const slow = [];
    for (let i = 0; i < RUNS; i++) slow.push(await timeToInteractive(true));
    out.tti_throttled_ms = figure(slow, 'ms');
  }

  const doc = chapterFinal(100_000, 60);
  for (const [key, noWorker] of [['worker', false], ['page', true]]) {
    if (!PARTS.has(key)) continue;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runToEnd(doc, noWorker));
    if (new Set(runs.map((r) => r.summary)).size !== 1) throw new Error(`${key}: runs of one seed differ`);
    out[`${key}_summary`] = runs[0].summary.split('\n')[0];
    out[`${key}_wall_s_60s_at_100k`] = figure(runs.map((r) => r.wall), 's');
    out[`${key}_running_frame_p50_ms`] = figure(runs.map((r) => r.p50), 'ms');
    out[`${key}_running_frame_p95_ms`] = figure(runs.map((r) => r.p95), 'ms');
    if (key === 'worker') out.worker_ready_ms = figure(runs.map((r) => r.ready), 'ms');
    const sends = runs.flatMap((r) => r.sends);
    if (sends.length) {
      out[`${key}_snapshot_bytes`] = figure(sends.map((s) => s.bytes), 'bytes');
      out[`${key}_snapshot_encode_ms`] = figure(sends.map((s) => s.encode), 'ms');
      out[`${key}_snapshot_decode_ms`] = figure(sends.map((s) => s.decode), 'ms');
    }
  }
  if (out.worker_summary && out.page_summary && out.worker_summary !== out.page_summary) {
    throw new Error('the worker and the page ran different figures');
  }

  for (const [key, noWorker] of [['worker', false], ['page', true]]) {
    if (!PARTS.has('speed')) break;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await firstAndSteady(chapterFinal(null, 300), noWorker));
    out[`${key}_requests_per_wall_s`] = figure(runs.map((r) => r.steady.rps), 'requests/s');
    out[`${key}_events_per_wall_s`] = figure(runs.map((r) => r.steady.eps), 'events/s');
    out[`${key}_first_run_requests_per_wall_s`] = figure(runs.map((r) => r.first.rps), 'requests/s');
  }

  if (PARTS.has('drag')) {
    for (const [key, noWorker] of [['worker', false], ['page', true]]) {
      const drags = [];
      for (let i = 0; i < RUNS; i++) drags.push(await dragDuringRun(chapterFinal(100_000, 600), noWorker));
      out[`${key}_drag_during_run_frame_p50_ms`] = figure(drags.map((d) => d.p50), 'ms');
      out[`${key}_drag_during_run_frame_p95_ms`] = figure(drags.map((d) => d.p95), 'ms');
    }
  }

  if (PARTS.has('phone')) {
    const runs = [];
    // 300 simulated seconds: about ten wall seconds of frames.
    for (let i = 0; i < RUNS; i++) runs.push(await runToEnd(chapterFinal(100_000, 300), false, { phone: true }));
    out.phone_running_frame_p50_ms = figure(runs.map((r) => r.p50), 'ms');
    out.phone_running_frame_p95_ms = figure(runs.map((r) => r.p95), 'ms');
    out.phone_running_frames_missed_pct = figure(runs.map((r) => r.missed), '%');
    out.phone_wall_s_300s_at_100k = figure(runs.map((r) => r.wall), 's');
  }

  if (PARTS.has('memory')) {
    const hour = await runToEnd(chapterFinal(10_000, 3600), false);
    out.worker_memory_after_1h_mb = figure([hour.memory.worker / 2 ** 20], 'MiB');
    out.page_memory_after_1h_mb = figure([hour.memory.page / 2 ** 20], 'MiB');
  }
  console.log(JSON.stringify(out));
} catch (error) {
  console.error(`bench-app: FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.kill();
}
