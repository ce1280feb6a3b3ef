// The simulation's background worker: a run there and a run on the page (the fallback when the
// browser cannot start a worker) end on the same figures, the native golden's; pause, step,
// faults, edits and drags during a run in the worker behave as on the page.
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { AppPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures');
const golden = readFileSync(path.join(fixtures, 'sim_chapter_final_3s.txt'), 'utf8');

// The chapter-final fixture cut to the golden's 3 simulated seconds.
function chapterFinal3s() {
  const doc = JSON.parse(readFileSync(path.join(fixtures, 'chapter_final.json'), 'utf8'));
  doc.scenario.duration_s = 3;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'scalelab-')), 'chapter_final_3s.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

async function runToEnd(page, place) {
  if (place === 'page') {
    // A browser that cannot start a worker.
    await page.addInitScript(() => {
      delete window.Worker;
    });
  }
  const app = new AppPage(page);
  await app.open('/');
  const run = new RunPanel(page);
  await expect(run.panel).toHaveAttribute('data-sim-place', place);
  if (place === 'page') {
    await expect(app.banner).toContainText('could not start a background worker');
  } else {
    await expect(app.banner).toHaveCount(0);
  }
  await app.importFile(chapterFinal3s());
  await run.setSpeed('max');
  // Three simulated seconds flat out take a fraction of a second: the button may say Pause for
  // less time than a check takes, so the run is followed by its status instead.
  await expect(run.panel).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('run-toggle').click();
  await expect(run.panel).toHaveAttribute('data-status', 'finished', { timeout: 30_000 });
  const summary = await run.panel.getAttribute('data-run-summary');
  const charted = await page.getByTestId('chart-latency').locator('path.run-line').first().getAttribute('d');
  app.expectNoConsoleErrors();
  return { summary, charted };
}

test('a run in the worker and one on the page end on the native golden figures', async ({ browser }) => {
  const results = {};
  for (const place of ['worker', 'page']) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    results[place] = await runToEnd(await context.newPage(), place);
    await context.close();
  }
  expect(results.worker.summary).toBe(golden);
  expect(results.page.summary).toBe(golden);
  // The charts were drawn from the same samples.
  expect(results.worker.charted).toBeTruthy();
  expect(results.worker.charted).toBe(results.page.charted);
});

test('pause, step, a fault, a drag and an edit during a run in the worker', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(path.join(fixtures, 'chapter_final.json'));
  const run = new RunPanel(page);
  await expect(run.panel).toHaveAttribute('data-sim-place', 'worker');
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(3);

  // A pause stops exactly where the worker stopped: once its answer is in (`RunPanel.pause`
  // waits for it), the clock stays put.
  await run.pause();
  await expect(run.panel).toHaveAttribute('data-status', 'paused');
  const paused = await run.simTime();
  await page.waitForTimeout(600);
  expect(await run.simTime()).toBe(paused);

  // Step: one simulated second on, then paused again.
  await page.getByTestId('run-step').click();
  await expect.poll(() => run.simTime()).toBeCloseTo(paused + 1, 3);
  await expect(run.panel).toHaveAttribute('data-status', 'paused');

  // A fault injected while paused shows in the log at once; then run on.
  let menu = await app.openContextMenu(app.cardLabelled('Cache (DC2)').locator('.card-body'));
  await menu.getByTestId('menu-fault-flush').click();
  await expect(run.log()).toContainText('Cache (DC2) flushed');
  await run.run();
  await run.waitForSimTime(paused + 3);

  // Dragging a card moves it and the run goes on: positions are not what the simulation reads.
  const before = await run.simTime();
  const body = app.cardLabelled('Cache (DC1)').locator('.card-body');
  const box = await body.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(box.x + box.width / 2 + 8 * i, box.y + box.height / 2 + 4 * i);
  }
  await page.mouse.up();
  await expect.poll(() => run.simTime()).toBeGreaterThan(before + 1);
  await expect(run.panel).toHaveAttribute('data-status', 'running');

  // An edit the simulation reads restarts the run on the new diagram, still running.
  await app.cardLabelled('Web tier (DC1)').locator('.card-body').click();
  const instances = page.getByTestId('inspector').getByLabel('Instances', { exact: false }).first();
  await instances.fill('6');
  await instances.press('Enter');
  await expect.poll(() => run.simTime()).toBeLessThan(before);
  await expect(run.panel).toHaveAttribute('data-status', 'running');
  await run.waitForSimTime(2);
  app.expectNoConsoleErrors();
});

test('under the sub-path GitHub Pages serves, the worker starts and runs too', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/scalelab/');
  await app.importFile(path.join(fixtures, 'chapter_final.json'));
  const run = new RunPanel(page);
  await expect(run.panel).toHaveAttribute('data-sim-place', 'worker');
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(2);
  await run.pause();
  app.expectNoConsoleErrors();
});

test('while the worker runs, the page draws when a snapshot or samples arrive, not every frame', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(path.join(fixtures, 'chapter_final.json'));
  const run = new RunPanel(page);
  await expect(run.panel).toHaveAttribute('data-sim-place', 'worker');
  await run.setSpeed('max');
  // Counts the page's animation-frame requests (the flows' dashes move by CSS, without any).
  await page.evaluate(() => {
    window.__frameRequests = 0;
    const request = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => {
      window.__frameRequests += 1;
      return request(callback);
    };
  });
  await run.run();
  await run.waitForSimTime(1);
  const [count0, t0, sim0] = await page.evaluate(() => [window.__frameRequests, performance.now(), document.querySelector('[data-testid=metrics]').dataset.simTime]);
  await page.waitForTimeout(3000);
  const [count1, t1, sim1] = await page.evaluate(() => [window.__frameRequests, performance.now(), document.querySelector('[data-testid=metrics]').dataset.simTime]);
  await expect(run.panel).toHaveAttribute('data-status', 'running');
  // The run went on and was drawn: the clock moved.
  expect(Number(sim1)).toBeGreaterThan(Number(sim0));
  // Five frames a second come from the worker, each drawn in one or two animation frames (a
  // snapshot, then the charts): about 10 requests a second, where asking at every frame until
  // something was due made 35 to 60.
  const perSecond = ((count1 - count0) * 1000) / (t1 - t0);
  expect(perSecond, `${perSecond.toFixed(1)} animation-frame requests a second`).toBeLessThan(20);
  expect(perSecond).toBeGreaterThan(2);
  app.expectNoConsoleErrors();
});
