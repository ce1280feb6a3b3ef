// The run view: run the chapter-final architecture, watch the cache settle near Che, break the
// primary database and a datacenter, and look at it (screenshots in docs/run-*.png).
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { AppPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '..', 'fixtures', 'chapter_final.json');
const docs = path.join(here, '..', '..', 'docs');

// The time in a heatmap readout ("shard 2 at 18 s: 25 requests"), in whole seconds.
const readoutSeconds = (text) => Number(/(\d+) s/.exec(text)?.[1]);

// The heatmap's readout, with no cell picked, names the newest column: a sample at most 1.5 s
// (three samples) before the clock. Returns the readout.
async function expectNewestColumn(page, simTime) {
  const newest = await page.getByTestId('heat-readout').textContent();
  expect(readoutSeconds(newest), `the readout: ${newest}`).toBeGreaterThan(simTime - 1.5);
  expect(readoutSeconds(newest)).toBeLessThanOrEqual(simTime + 0.5);
  return newest;
}

async function openChapterFinal(page) {
  const app = new AppPage(page);
  await app.open('/');
  // An empty canvas is where everyone starts: a hint, not an error.
  await expect(page.getByTestId('run-hint')).toContainText('add a Users component');
  await expect(page.getByTestId('run-hint')).not.toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  await app.importFile(fixture);
  const run = new RunPanel(page);
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  await expect(page.getByTestId('run-toggle')).toBeEnabled();
  return { app, run };
}

test('the cache hit ratio settles near the theory shown beside it', async ({ page }) => {
  // Simulated time runs as fast as this machine allows: the wait is generous so that a slow or
  // busy machine takes longer but does not fail.
  test.setTimeout(420_000);
  const { app, run } = await openChapterFinal(page);
  await run.setSpeed('max');
  await run.run();
  await run.waitForSimTime(300, 360_000);
  await run.pause();
  const now = await run.simTime();
  const theory = (await run.theory('chart-hit-ratio')).find((t) => t.includes('for Cache'));
  expect(theory, 'a Che prediction for the caches').toBeTruthy();
  const predicted = parseFloat(theory.match(/predicts ([\d.]+) %/)[1]);
  // Read at about 290 s, warm, before DC1 fails at 300 s: from then its cache is asked nothing,
  // and its line breaks, a gap rather than the ratio it had.
  const at = await run.legendAt('chart-hit-ratio', 290 / now);
  const hits = Object.fromEntries(Object.entries(at).map(([name, v]) => [name, v.value]));
  console.log(`hit ratios at ${JSON.stringify(at)} (paused at ${now} s); ${theory}`);
  expect(at['Cache (DC1)'].time).toBeGreaterThan(250);
  expect(at['Cache (DC1)'].time).toBeLessThan(300);
  if (now > 311) expect((await run.legend('chart-hit-ratio'))['Cache (DC1)']).toBeNaN();
  // DC2's cache sees only its users' reads and writes: what Che (with invalidating writes)
  // models. The chart shows the ratio over the last window, warm by 270 s.
  expect(Math.abs(hits['Cache (DC2)'] - predicted), `Cache (DC2) ${hits['Cache (DC2)']} % vs ${predicted} %`).toBeLessThan(5);
  // DC1's cache also gets the CDN's origin misses for static assets (the CDN's origin is DC1),
  // which the prediction does not model, and swings with the overloaded web tier: looser.
  expect(Math.abs(hits['Cache (DC1)'] - predicted), `Cache (DC1) ${hits['Cache (DC1)']} %`).toBeLessThan(10);
  // Flows move along the wires, in their own layer over the canvas: every wire's route in
  // exactly one path, the wires whose flows look alike sharing one.
  const wireIds = await page.getByTestId('wire').evaluateAll((ws) => ws.map((w) => w.getAttribute('data-id')));
  const flowPaths = page.getByTestId('run-flows').locator('path.run-flow');
  const flowWires = await flowPaths.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-wires').split(' ')));
  expect(flowWires.flat().sort()).toEqual([...wireIds].sort());
  expect(flowWires.length).toBeLessThan(wireIds.length);
  for (const [i, ids] of flowWires.entries()) {
    // One subpath per wire: each starts with a move.
    const d = await flowPaths.nth(i).getAttribute('d');
    expect((d.match(/M/g) ?? []).length, `path ${i}`).toBe(ids.length);
  }
  await page.getByTestId('chart-hit-ratio').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(docs, 'run-panel.png') });
  app.expectNoConsoleErrors();
});

test('failing the primary database promotes a replica and loses writes', async ({ page }) => {
  const { app, run } = await openChapterFinal(page);
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(5);
  await run.fault('Database (DC1)', 'fail');
  await expect(run.log()).toContainText('will be promoted');
  await expect(run.log()).toContainText(/acknowledged writes? lost/);
  // Clicking the entry selects the database.
  await run.log().getByTestId('log-entry').filter({ hasText: 'promoted' }).first().click();
  await page.screenshot({ path: path.join(docs, 'run-failover.png') });
  app.expectNoConsoleErrors();
});

test('failing a datacenter moves traffic to the other after the DNS TTL and promotes its copy', async ({ page }) => {
  test.setTimeout(360_000);
  const { app, run } = await openChapterFinal(page);
  const card = (label) => page.getByTestId('component-card').filter({ hasText: label });
  const live = page.getByTestId('inspector-live');
  await run.setSpeed('max');
  await run.run();
  await run.waitForSimTime(10);
  const before = await run.legend('chart-datacenters');
  // DC2's database is a copy of DC1's: its lag is the one-way cross-region delay and its apply
  // queue, beside theory.
  await card('Database (DC2)').click();
  await expect(live.getByTestId('live-region-role')).toContainText('a copy of Database (DC1)');
  await expect(live.getByTestId('live-copy-lag-mean')).toContainText(
    /40(\.0)? ms one way \+ M\/M\/1 apply queue predicts 4\d\.\d+ ms/,
  );
  await expect(live.getByTestId('live-copy-stale')).toContainText('reads here');
  await page.screenshot({ path: path.join(docs, 'run-region-copy.png') });
  await run.fault('Datacenter DC1 (US East)', 'fail');
  const failedAt = await run.simTime();
  await expect(run.log()).toContainText('datacenter DC1 (US East) failed');
  // Detection (health checks) plus the record TTL, then a margin for the share window.
  await run.waitForSimTime(failedAt + 200, 300_000);
  await run.pause();
  // The canvas says so on the datacenter itself.
  await expect(page.locator('.run-dc.down')).toHaveCount(1);
  await expect(page.locator('.run-dc.down')).toContainText('down · users moved away');
  const shares = await run.legend('chart-datacenters');
  const what = JSON.stringify({ before, after: shares });
  // DNS answers DC2 for everyone once the health checks notice and the TTL runs out. What still
  // enters DC1 is the CDN's origin traffic (the CDN's origin wire goes to DC1's load balancer).
  expect(before['DC2 (Europe)'], what).toBeLessThan(40);
  expect(shares['DC2 (Europe)'], what).toBeGreaterThan(70);
  expect(shares['DC1 (US East)'], what).toBeLessThan(30);
  // The copy in the surviving region was promoted after detection and promotion, and the
  // writes it never got are counted.
  await expect(run.log()).toContainText('Database (DC1) unreachable: its copy Database (DC2) takes the writes at');
  await expect(run.log()).toContainText(/Database \(DC2\) promoted: it takes the writes of every datacenter now; [\d,]+ acknowledged writes? made at Database \(DC1\) never reached it and (are|is) lost/);
  // Clicking the log entry selects the promoted copy.
  const promoted = run.log().getByTestId('log-entry').filter({ hasText: 'Database (DC2) promoted' });
  await promoted.scrollIntoViewIfNeeded();
  await promoted.click();
  await expect(live.getByTestId('live-region-role')).toContainText("takes every datacenter's writes");
  await page.screenshot({ path: path.join(docs, 'run-region-takeover.png') });
  await page.getByTestId('chart-datacenters').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(docs, 'run-datacenter-down.png') });
  app.expectNoConsoleErrors();
});

test('a load balancer given a capacity below its traffic queues, then refuses the excess', async ({ page }) => {
  test.setTimeout(360_000);
  const { app, run } = await openChapterFinal(page);
  const card = (label) => page.getByTestId('component-card').filter({ hasText: label });
  const live = page.getByTestId('inspector-live');
  // DC2's balancer takes Europe's users, about 3,700 req/s: give it 3,000.
  await card('Load balancer (DC2)').click();
  const capacity = page.getByTestId('field-capacity_rps');
  await expect(capacity).toHaveValue('0');
  await capacity.fill('-1');
  await capacity.press('Enter');
  await expect(page.getByTestId('field-error')).toContainText('Capacity');
  await capacity.fill('3000');
  await capacity.press('Enter');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
  await expect(card('Load balancer (DC2)').locator('.card-summary')).toHaveText('round robin · ≤ 3k req/s');
  await run.setSpeed('max');
  await run.run();
  // The queue holds 10 s of forwarding (30,000 requests) after about 40 s: then the excess is
  // refused.
  await run.waitForSimTime(60, 300_000);
  await run.pause();
  const wait = live.getByTestId('live-forward-wait');
  await expect(wait).toHaveClass(/alert/);
  await expect(wait).toContainText(/req\/s into 3(\.0)?k: the queue grows until requests time out/);
  await expect(wait).toContainText(/\d+(\.\d+)? s over the last 10 s/);
  await expect(live.getByTestId('live-utilization')).toContainText(/^.*100 % over the last 10 s/);
  await expect(live.getByTestId('live-failed-timeout')).toHaveClass(/alert/);
  await page.screenshot({ path: path.join(docs, 'run-lb-capacity.png') });
  app.expectNoConsoleErrors();
});

test('the inspector shows the selected component live, beside theory, and breaks it', async ({ page }) => {
  test.setTimeout(240_000);
  const { app, run } = await openChapterFinal(page);
  const card = (label) => page.getByTestId('component-card').filter({ hasText: label });
  const live = page.getByTestId('inspector-live');
  // Nothing live before the run starts.
  await card('Cache (DC2)').click();
  await expect(page.getByTestId('inspector-component')).toHaveAttribute('data-kind', 'Cache');
  await expect(live).toHaveCount(0);
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(20, 120_000);
  // A cache: its hit ratio, with the charts' Che prediction beside it, and the cache's faults.
  await expect(live.getByTestId('live-hit-ratio')).toContainText('%');
  await expect(live.getByTestId('live-hit-ratio')).toContainText('Che (LRU, writes invalidate) predicts');
  await expect(live.getByTestId('live-latency')).toContainText('ms');
  await expect(live.getByTestId('inspector-fault-flush')).toBeVisible();
  await expect(live.getByTestId('inspector-fault-deploy')).toHaveCount(0);
  // A replicated database: lag now and per write beside M/M/1, stale reads, reading back a write.
  await card('Database (DC1)').click();
  await expect(page.getByTestId('inspector-component')).toHaveAttribute('data-kind', 'Database');
  await expect(live.getByTestId('live-lag-now')).toContainText('writes behind');
  await expect(live.getByTestId('live-lag-mean')).toContainText('M/M/1 apply queue predicts');
  await expect(live.getByTestId('live-stale-reads')).toContainText('replica reads');
  await expect(live.getByTestId('live-stale-probability')).toContainText(
    /a read 10 ms after a write is stale with p = [<\d.\s]+ %/,
  );
  await expect(live.getByTestId('inspector-fault-flush')).toHaveCount(0);
  // The chart's replica-lag theory says the same, beside the simulated share.
  await page.getByTestId('chart-replica-lag').scrollIntoViewIfNeeded();
  const lagTheory = (await run.theory('chart-replica-lag')).join(' ');
  expect(lagTheory).toMatch(/a read 10 ms after a write is stale with p = /);
  expect(lagTheory).toMatch(/simulated[^:]*: Database \(DC1\) [<\d.\s]+ %/);
  // Fail it from the inspector: the run's event log says so.
  await live.getByTestId('inspector-fault-fail').click();
  await expect(run.log()).toContainText('Database (DC1): primary failed');
  await run.pause();
  await page.screenshot({ path: path.join(docs, 'inspector-live.png') });
  // A datacenter: up, DNS still answering with it, its share of the traffic; fail or restore it.
  await page.getByTestId('datacenter').filter({ hasText: 'DC2 (Europe)' }).locator('.datacenter-title').click();
  await expect(page.getByTestId('inspector-datacenter')).toBeVisible();
  await expect(live.getByTestId('live-status')).toContainText('up');
  await expect(live.getByTestId('live-dns')).toContainText('still answering with it');
  await expect(live.getByTestId('live-traffic-share')).toContainText('% (');
  await expect(live.getByTestId('inspector-fault-fail')).toBeVisible();
  await expect(live.getByTestId('inspector-fault-slow')).toHaveCount(0);
  app.expectNoConsoleErrors();
});

test('charts change only what a sample changes: recycled heatmap columns, new points on the same lines', async ({ page }) => {
  const { app, run } = await openChapterFinal(page);
  const panel = page.getByTestId('metrics');
  // Each Step simulates one second and pauses: two samples of the history (one every 0.5 s).
  const step = async (until) => {
    await page.getByTestId('run-step').click();
    await expect.poll(async () => Number(await panel.getAttribute('data-sim-time'))).toBeGreaterThanOrEqual(until);
    await expect(panel).toHaveAttribute('data-status', 'paused');
  };
  const heat = '[data-testid=shard-heatmap]';
  await step(1);
  await step(2);
  await run.show('shard-heatmap');
  // Watch every change the next samples make to the heatmap and the throughput line.
  const before = await page.evaluate((heat) => {
    const slots = [...document.querySelectorAll(`${heat} svg > g > g`)];
    const cells = [...document.querySelectorAll(`${heat} rect`)];
    // The line chart beside the heatmap, in view with it.
    const line = document.querySelector('[data-testid=chart-datacenters] path.run-line');
    window.__changes = [];
    window.__nodes = 0;
    const watch = (el) =>
      new MutationObserver((records) => {
        for (const r of records) window.__changes.push(`${r.target.tagName}.${r.attributeName}`);
      }).observe(el, { attributes: true });
    [...slots, ...cells].forEach(watch);
    watch(line);
    new MutationObserver((records) => {
      for (const r of records) window.__nodes += r.addedNodes.length + r.removedNodes.length;
    }).observe(document.querySelector(`${heat} svg`), { childList: true, subtree: true });
    return {
      slots: slots.length,
      cells: cells.length,
      shown: slots.filter((g) => g.getAttribute('visibility') === 'visible').length,
      points: line.getAttribute('d'),
    };
  }, heat);
  // The cells are made once: a slot for each of the 60 columns shown, a cell per shard in it.
  expect(before.slots).toBe(60);
  expect(before.cells).toBe(60 * 4);
  expect(before.shown, 'a column for the start and for each sample').toBeGreaterThanOrEqual(4);
  await step(3);
  const after = await page.evaluate((heat) => ({
    cells: document.querySelectorAll(`${heat} rect`).length,
    shown: [...document.querySelectorAll(`${heat} svg > g > g`)].filter((g) => g.getAttribute('visibility') === 'visible').length,
    points: document.querySelector('[data-testid=chart-datacenters] path.run-line').getAttribute('d'),
    changes: window.__changes,
    nodes: window.__nodes,
  }), heat);
  // Two new columns shown by two slots, and no element made or dropped; the slots shown before
  // are neither moved nor resized (only a colour may follow a new hottest cell), and the line
  // gets new points and nothing else.
  expect(after.cells).toBe(before.cells);
  expect(after.nodes, 'elements added to or removed from the heatmap').toBe(0);
  expect(after.shown).toBe(before.shown + 2);
  const count = (name) => after.changes.filter((c) => c === name).length;
  expect(count('g.visibility')).toBe(2);
  expect(count('g.transform')).toBe(2);
  expect(after.changes.filter((c) => !['rect.fill', 'g.transform', 'g.visibility', 'path.d'].includes(c))).toEqual([]);
  expect(after.points).not.toBe(before.points);

  // Past 60 columns every slot has been reused: the columns shown are the 60 newest rows, each
  // in its own place.
  await run.setSpeed('max');
  await run.run();
  await run.waitForSimTime(45);
  await run.pause();
  const full = await page.evaluate((heat) => {
    const number = (transform) => Number(/translate\((-?[\d.e+-]+) 0\)\s*$/.exec(transform)[1]);
    const slots = [...document.querySelectorAll(`${heat} svg > g > g`)];
    return {
      first: -number(document.querySelector(`${heat} svg > g`).getAttribute('transform')),
      shown: slots.filter((g) => g.getAttribute('visibility') === 'visible').length,
      xs: slots.map((g) => number(g.getAttribute('transform'))).sort((a, b) => a - b),
    };
  }, heat);
  expect(full.shown).toBe(60);
  expect(full.first).toBeGreaterThan(30);
  expect(full.xs).toEqual(Array.from({ length: 60 }, (_, i) => full.first + i));

  // The readout names the hottest shard of the newest column, and the cell under the pointer
  // while there is one: here the oldest column's shard 1 (columns are 60 equal strips of the
  // plot, shards 4 equal bands).
  const readout = page.getByTestId('heat-readout');
  const newest = await expectNewestColumn(page, await run.simTime());
  const svg = page.locator(`${heat} svg`);
  const box = await svg.boundingBox();
  // The plot spans 38..292 of 300 units across and 8..102 of 120 down (charts.rs).
  await svg.hover({ position: { x: box.width * (38 + 254 / 120) / 300, y: box.height * (8 + 94 * 1.5 / 4) / 120 } });
  await expect(readout).toHaveText(/^shard 1 at \d+ s: \d+ requests$/);
  const oldest = readoutSeconds(await readout.textContent());
  // (Row 0 is the start, then a row every 0.5 s of this 900 s run; times worded to the second.)
  expect(Math.abs(oldest - full.first * 0.5), `the oldest column's time: ${oldest} s`).toBeLessThanOrEqual(0.5);
  await page.mouse.move(0, 0);
  await expect(readout).toHaveText(newest);
  app.expectNoConsoleErrors();
});

test('a chart out of view is not redrawn during a run, and shows the latest figures once scrolled into view', async ({ page }) => {
  const { app, run } = await openChapterFinal(page);
  const heat = '[data-testid=shard-heatmap]';
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(1);
  await run.show('chart-throughput');
  // The heatmap comes last, below the fold of the panel's charts (and beyond the margin within
  // which a chart counts as in view).
  const below = await page.evaluate((heat) => {
    const el = document.querySelector(heat);
    return el.getBoundingClientRect().top - el.closest('.run-main').getBoundingClientRect().bottom;
  }, heat);
  expect(below, 'how far below the fold the heatmap is').toBeGreaterThan(250);
  await page.evaluate((heat) => {
    window.__redrawn = { heat: 0, throughput: 0 };
    const count = (selector, key) =>
      new MutationObserver((records) => (window.__redrawn[key] += records.length)).observe(
        document.querySelector(selector),
        { attributes: true, childList: true, characterData: true, subtree: true },
      );
    count(heat, 'heat');
    count('[data-testid=chart-throughput]', 'throughput');
  }, heat);
  await run.waitForSimTime((await run.simTime()) + 3);
  const redrawn = await page.evaluate(() => window.__redrawn);
  expect(redrawn.throughput, 'the chart in view follows the run').toBeGreaterThan(0);
  expect(redrawn.heat, 'the chart out of view is left as it was').toBe(0);
  // Scrolled into view, it shows the newest column at once.
  await run.pause();
  const simTime = await run.simTime();
  await run.show('shard-heatmap');
  await expectNewestColumn(page, simTime);
  app.expectNoConsoleErrors();
});

for (const place of ['worker', 'page']) {
  test(`at full speed the charts never run ahead of the clock above them (${place})`, async ({ page }) => {
    test.setTimeout(240_000);
    if (place === 'page') await page.addInitScript(() => delete window.Worker);
    const { app, run } = await openChapterFinal(page);
    await expect(run.panel).toHaveAttribute('data-sim-place', place);
    await run.setSpeed('max');
    await run.run();
    await run.show('chart-throughput');
    // Every time the chart or the clock changes: how far the chart's newest time (its x axis's
    // right label, whole seconds) is past the clock (the panel's simulated time).
    await page.evaluate(() => {
      const panel = document.querySelector('[data-testid=metrics]');
      const chart = document.querySelector('[data-testid=chart-throughput]');
      window.__ahead = { changes: 0, most: -Infinity, at: '' };
      const check = () => {
        const labels = chart.querySelectorAll('.run-axis-label');
        const newest = Number(/(\d+) s/.exec(labels[labels.length - 1]?.textContent ?? '')?.[1]);
        const clock = Number(panel.dataset.simTime);
        if (!Number.isFinite(newest) || !Number.isFinite(clock)) return;
        window.__ahead.changes += 1;
        if (newest - clock > window.__ahead.most) {
          window.__ahead.most = newest - clock;
          window.__ahead.at = `chart at ${newest} s, clock at ${clock} s`;
        }
      };
      const options = { attributes: true, childList: true, characterData: true, subtree: true };
      new MutationObserver(check).observe(chart, options);
      new MutationObserver(check).observe(panel, { attributes: true, attributeFilter: ['data-sim-time'] });
    });
    await expect(run.panel).toHaveAttribute('data-status', 'finished', { timeout: 180_000 });
    const ahead = await page.evaluate(() => window.__ahead);
    expect(ahead.changes, 'the chart and the clock changed during the run').toBeGreaterThan(20);
    // Half a second: the label is rounded to whole seconds.
    expect(ahead.most, ahead.at).toBeLessThanOrEqual(0.5);
    // At the end the chart has caught up with the clock.
    const labels = await page.getByTestId('chart-throughput').locator('.run-axis-label').allTextContents();
    expect(labels.at(-1)).toBe(`${Math.round(await run.simTime())} s`);
    app.expectNoConsoleErrors();
  });
}

test('the canvas draws the snapshot the panel shows, a frame later: paused, they agree', async ({ page }) => {
  test.setTimeout(240_000);
  const { app, run } = await openChapterFinal(page);
  const card = page.getByTestId('component-card').filter({ hasText: 'Cache (DC2)' });
  await card.click();
  const badge = page.locator(`.run-badge[data-component="${await card.getAttribute('data-id')}"]`);
  const live = page.getByTestId('inspector-live');
  // The badge's hit ratio and the inspector's, both over the last window, to a tenth of a percent.
  // Its lines, drawn near (the figures it shows from afar are whole percents).
  const fromBadge = async () => /hit ([\d.]+) %/.exec((await badge.locator('.run-badge-text').allTextContents()).join('\n'))?.[1];
  const fromInspector = async () => /^Hit ratio\s*([\d.]+) %/.exec(await live.getByTestId('live-hit-ratio').textContent())?.[1];
  await run.setSpeed('max');
  await run.run();
  for (const until of [20, 60, 120]) {
    // The cache is warming: its ratio moves from one snapshot to the next.
    await run.waitForSimTime(until, 120_000);
    await run.pause();
    await expect.poll(fromInspector).toMatch(/^[\d.]+$/);
    await expect.poll(fromBadge, `at ${await run.simTime()} s`).toBe(await fromInspector());
    await run.run();
  }
  app.expectNoConsoleErrors();
});

test('how fast the simulation goes shows only while it runs', async ({ page }) => {
  test.setTimeout(240_000);
  const { app, run } = await openChapterFinal(page);
  const rate = page.getByTestId('simulated-rate');
  await expect(rate).toHaveText('');
  await run.setSpeed('max');
  await run.run();
  // Measured over each wall second of running.
  await expect(rate).toHaveText(/^[\d.]+[kM]? req\/s simulated$/);
  await expect(page.getByTestId('achieved-speed')).toHaveText(/^running at [\d.]+x/);
  await run.pause();
  await expect(rate).toHaveText('');
  await expect(page.getByTestId('achieved-speed')).toHaveText('paused');
  await run.run();
  await expect(run.panel).toHaveAttribute('data-status', 'finished', { timeout: 180_000 });
  await expect(rate).toHaveText('');
  await expect(page.getByTestId('achieved-speed')).toHaveText('finished');
  app.expectNoConsoleErrors();
});

test('a run badge never covers another card: a close card above leaves it fewer lines', async ({ page }) => {
  test.setTimeout(120_000);
  const { app, run } = await openChapterFinal(page);
  await run.setSpeed('max');
  await run.run();
  await run.waitForSimTime(10, 60_000);
  await run.pause();
  // With the panel open the whole design is drawn too small for the badges' lines: each card
  // shows its traffic, as large as its label, and under it the figure its kind is watched by;
  // where one line fits above the card, that figure.
  await expect(page.locator('.canvas.far')).toHaveCount(1);
  const far = page.locator('.run-far-figure');
  expect(await far.count()).toBeGreaterThanOrEqual(20);
  await expect(far.first()).toBeVisible();
  const figures = await page.locator('.run-badge').evaluateAll((badges) =>
    badges.map((b) => [...b.querySelectorAll('.run-far-figure')].map((t) => t.textContent)));
  expect(figures.length).toBeGreaterThanOrEqual(20);
  const traffic = /^\d[\d.,]*[kM]? req\/s$/;
  const watched = /^(hit|util) \d[\d.]* %$|^queue \d[\d.,]*[kM]?$/;
  for (const lines of figures) {
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    if (lines.length === 2) expect(lines[0]).toMatch(traffic);
    expect(lines.at(-1)).toMatch(lines.length === 2 ? watched : new RegExp(`${traffic.source}|${watched.source}`));
  }
  // Both caches and the CDN say their hit ratio, the cache in DC1's top row under the
  // datacenter's title too, where only one line fits.
  expect(figures.flat().filter((t) => t.startsWith('hit ')).length).toBe(3);
  expect(figures.filter((lines) => lines.length === 1).length).toBeGreaterThanOrEqual(1);
  await expect(page.locator('.run-badge-text').first()).toBeHidden();
  // At 100 %, with the panel folded, the design is drawn near: its badges' lines show.
  await page.getByTestId('run-expand').click();
  await page.getByTestId('zoom-level').click();
  await expect(page.getByTestId('zoom-level')).toHaveText('100%');
  await expect(page.locator('.canvas.far')).toHaveCount(0);
  const overlaps = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.run-badge')].map((b) => ({
      id: b.dataset.component,
      box: b.querySelector('.run-badge-box').getBoundingClientRect(),
      lines: b.querySelectorAll('.run-badge-text').length,
    }));
    const cards = [...document.querySelectorAll('[data-testid=component-card]')].map((c) => ({
      id: c.dataset.id,
      label: c.getAttribute('aria-label'),
      box: c.querySelector('.card-body').getBoundingClientRect(),
    }));
    // A datacenter's name stays readable too.
    for (const t of document.querySelectorAll('[data-testid=datacenter] .datacenter-name')) {
      cards.push({ id: 'title', label: t.textContent, box: t.getBoundingClientRect() });
    }
    const hits = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const found = [];
    for (const badge of boxes) {
      for (const card of cards) {
        if (card.id !== badge.id && hits(badge.box, card.box)) found.push(`${badge.id} over ${card.label}`);
      }
    }
    const drawn = boxes.filter((b) => b.box.width > 0 && b.box.height > 0).length;
    return { found, drawn, titles: document.querySelectorAll('[data-testid=datacenter] .datacenter-name').length };
  });
  expect(overlaps.drawn, 'the badges are drawn').toBeGreaterThan(10);
  await expect(far.first()).toBeHidden();
  expect(overlaps.titles).toBe(2);
  expect(overlaps.found).toEqual([]);
  // The session store sits close under the cache: its badge keeps its traffic line.
  const store = page.getByTestId('component-card').filter({ hasText: 'Session store (DC1)' });
  const badge = page.locator(`.run-badge[data-component="${await store.getAttribute('data-id')}"]`);
  await expect(badge.locator('.run-badge-text').first()).toContainText('served');
  // A population says what it sends and how much of it is answered (two lines on its card).
  const users = page.getByTestId('component-card').filter({ hasText: 'Users (Americas)' });
  const sent = page.locator(`.run-badge[data-component="${await users.getAttribute('data-id')}"] .run-badge-text`);
  await expect(sent.nth(0)).toHaveText(/^sends \d[\d.,]*k?$/);
  await expect(sent.nth(1)).toHaveText(/^answered \d[\d.,]*k? req\/s$/);
  app.expectNoConsoleErrors();
});

/** The smallest of the canvas's texts a user can see, in CSS pixels on screen, and what it says. */
async function smallestCanvasText(page) {
  return page.evaluate(() => {
    const shown = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
      }
      return true;
    };
    let least = { px: Infinity, text: '' };
    for (const t of document.querySelectorAll('.canvas .world text')) {
      if (!t.textContent.trim() || t.getBoundingClientRect().width === 0 || !shown(t)) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
      if (px < least.px) least = { px, text: t.textContent };
    }
    return least;
  });
}

test('at the zoom a lesson opens at on a laptop, and each zoom in from it, every text on the canvas is 7 px or more', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto('/');
  await page.getByTestId('lesson-card-7').click();
  const run = new RunPanel(page);
  await run.run();
  await run.waitForSimTime(2);
  // Fitted beside the lesson's panel, lesson 7 is drawn at 55 %: its cards say their labels
  // and what they serve, at 12 px, rather than their badges' lines at 5.
  const zoom = page.getByTestId('zoom-level');
  await expect(zoom).toHaveText('55%');
  await expect(page.locator('.canvas.far')).toHaveCount(1);
  await expect(page.locator('.run-far-figure').first()).toBeVisible();
  const seen = [];
  for (let i = 0; i < 4; i++) {
    const least = await smallestCanvasText(page);
    seen.push(`${await zoom.textContent()}: ${least.px.toFixed(1)} px`);
    expect(least.px, `“${least.text}” at ${await zoom.textContent()}`).toBeGreaterThanOrEqual(7 - 1e-6);
    await page.getByTestId('editor.zoom_in').click();
  }
  // The zooms passed through include the first drawn near, where the port names are smallest.
  expect(seen).toContain('80%: 7.2 px');
  await run.pause();
  app.expectNoConsoleErrors();
});

test('what a lesson says to watch on a card is on it at the zoom the lesson opens at on a laptop', async ({ page }) => {
  const app = new AppPage(page);
  // The lessons' own words: "Watch the web server's utilization on its card", "the cache's
  // hit ratio on its card", the queue's "depth on the workers' card".
  for (const [lesson, card, watched] of [
    ['1', 'Web server', /^util \d[\d.]* %$/],
    ['5', 'Cache', /^hit \d[\d.]* %$/],
    ['9', 'Workers', /^queue \d[\d.,]*k?$/],
  ]) {
    await page.goto(`/#lesson=${lesson}`);
    await expect(page.getByTestId('lesson-title')).toHaveText(new RegExp(`^${lesson}\\. `));
    const run = new RunPanel(page);
    await run.run();
    await run.waitForSimTime(3);
    await run.pause();
    await expect(page.locator('.canvas.far'), `lesson ${lesson} is drawn from afar`).toHaveCount(1);
    const id = await page.getByTestId('component-card').filter({ hasText: card }).first().getAttribute('data-id');
    const figures = page.locator(`.run-badge[data-component="${id}"] .run-far-figure`);
    await expect(figures).toHaveCount(2);
    await expect(figures.nth(0)).toHaveText(/^\d[\d.,]*k? req\/s$/);
    await expect(figures.nth(1)).toHaveText(watched);
    await expect(figures.nth(1)).toBeVisible();
    // Both on screen, the traffic a line above the watched figure, and that just above the card
    // (a glyph box reaches a little below the baseline: a few pixels' grace for the font).
    const boxes = await figures.evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect()).map((r) => [r.top, r.bottom, r.height]));
    const cardTop = await page.locator(`[data-testid=component-card][data-id="${id}"] .card-body`).evaluate((c) => c.getBoundingClientRect().top);
    expect(boxes[1][0] - boxes[0][0], `lesson ${lesson}`).toBeGreaterThan(0.8 * boxes[0][2]);
    expect(boxes[1][1], `lesson ${lesson}`).toBeLessThanOrEqual(cardTop + 3);
    expect(boxes[1][1], `lesson ${lesson}`).toBeGreaterThan(cardTop - 20);
  }
  app.expectNoConsoleErrors();
});

test('Ctrl+Enter runs and pauses from the canvas and from a form field, Ctrl+Shift+Enter steps, and the help lists both', async ({ page }) => {
  const { app, run } = await openChapterFinal(page);
  await expect(page.getByTestId('run-toggle')).toHaveAttribute('title', 'Run (Ctrl+Enter)');
  await expect(page.getByTestId('run-step')).toHaveAttribute('title', 'Advance one simulated second (Ctrl+Shift+Enter)');

  // From the canvas: one step of a second, then paused.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(run.panel).toHaveAttribute('data-status', 'paused');
  expect(await run.simTime()).toBeCloseTo(1, 5);

  // From the seed field (a form field, where the editor's keys do not go): runs, then pauses.
  const seed = page.getByTestId('run-seed');
  await seed.focus();
  await page.keyboard.press('Control+Enter');
  await expect(run.panel).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('run-toggle')).toHaveAttribute('title', 'Pause (Ctrl+Enter)');
  await expect(seed).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(run.panel).toHaveAttribute('data-status', 'paused');

  // Behind the shortcuts list (a modal dialog) the keys do nothing; the list names them.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('?');
  const rows = page.getByTestId('run-key-help');
  await expect(rows).toHaveText(['Run / PauseCtrl+Enter', 'Advance one simulated secondCtrl+Shift+Enter']);
  await page.keyboard.press('Control+Enter');
  await expect(run.panel).toHaveAttribute('data-status', 'paused');
  await page.keyboard.press('Escape');
  app.expectNoConsoleErrors();
});
