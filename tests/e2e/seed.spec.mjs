// Same seed, same figures, every time: the seed is part of the scenario (saved, shared, undone
// like the traffic profile), and a finished run ends on the same figures whatever the speed it
// ran at, because the charts are sampled on simulated time, not on the frames' wall time.
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { EditorPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '..', 'fixtures', 'chapter_final.json');
// The fixture's own seed is 42: the shared seed must differ from it, or a link that lost the
// typed seed would still arrive with the right one.
const FIXTURE_SEED = '42';
const SEED = '4242';
const savedScenario = async (app) => JSON.parse(await app.autosave()).scenario;

/** Runs the current diagram from its start to its end at `speed` and returns its end figures. */
async function runToTheEnd(page, run, speed) {
  await page.getByTestId('run-reset').click();
  await expect(run.panel).toHaveAttribute('data-status', 'ready');
  await run.setSpeed(speed);
  // Not RunPanel.run(): at the fastest speeds a 20 s run may finish before "Pause" shows.
  await page.getByTestId('run-toggle').click();
  await expect(run.panel).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
  return {
    simTime: await run.figure('sim-time'),
    throughput: await run.legend('chart-throughput'),
    latency: await run.legend('chart-latency'),
    hitRatio: await run.legend('chart-hit-ratio'),
    replicaLag: await run.legend('chart-replica-lag'),
    queues: await run.legend('chart-queues'),
    datacenters: await run.legend('chart-datacenters'),
  };
}

test('a shared seed arrives as sent and the same run ends on the same figures at any speed', async ({ page, browser }) => {
  // Three runs of 20 simulated seconds, the slowest at 1x: a slow machine takes longer but does
  // not fail.
  test.setTimeout(300_000);
  const app = new EditorPage(page);
  await app.open('/');
  await app.importFile(fixture);
  await page.getByTestId('run-expand').click();
  const run = new RunPanel(page);
  const seed = page.getByTestId('run-seed');
  await expect(seed).toHaveValue(FIXTURE_SEED);

  // Typing a seed edits the scenario: saved, and one undo entry.
  await seed.fill(SEED);
  await seed.blur();
  await expect.poll(async () => (await savedScenario(app)).seed).toBe(Number(SEED));
  await app.toolbar('editor.undo').click();
  await expect(seed).toHaveValue(FIXTURE_SEED);
  await expect.poll(async () => (await savedScenario(app)).seed).toBe(Number(FIXTURE_SEED));
  await app.toolbar('editor.redo').click();
  await expect(seed).toHaveValue(SEED);
  // A value that is no seed is refused with a reason, and the field shows the seed kept.
  await seed.fill('-1');
  await seed.blur();
  await expect(app.banner).toContainText('A seed is a whole number from 0 to');
  await expect(seed).toHaveValue(SEED);
  await expect.poll(async () => (await savedScenario(app)).seed).toBe(Number(SEED));
  await page.getByTestId('banner-dismiss').click();
  // A short run, also part of the scenario.
  await run.profile().set('run-length', 20);
  await expect.poll(async () => (await savedScenario(app)).duration_s).toBe(20);
  await expect.poll(async () => (await savedScenario(app)).seed).toBe(Number(SEED));

  const link = await app.shareLink();
  expect(link).toMatch(/#v1=[A-Za-z0-9_-]+$/);

  // The link opened in a fresh browser: the seed field reads the sender's seed.
  const fresh = await browser.newContext();
  const other = new EditorPage(await fresh.newPage());
  await other.open(`/${link.slice(link.indexOf('#'))}`);
  await expect(other.banner).toContainText('Opened the shared diagram.');
  await expect(other.page.getByTestId('run-seed')).toHaveValue(SEED);
  await expect.poll(async () => (await savedScenario(other)).seed).toBe(Number(SEED));
  await other.page.getByTestId('run-expand').click();
  const otherRun = new RunPanel(other.page);

  // The same link run three times at different speeds (so with different frame timings) ends on
  // the same figures, to the last digit.
  const ends = [];
  for (const speed of ['1', '10', 'max']) {
    const end = await runToTheEnd(other.page, otherRun, speed);
    console.log(`end of the run at ${speed}: ${JSON.stringify(end)}`);
    ends.push(end);
  }
  expect(ends[0].simTime).toBe(20);
  expect(Object.keys(ends[0].hitRatio).length, 'hit ratio legends').toBeGreaterThan(0);
  expect(Object.keys(ends[0].replicaLag).length, 'replica lag legends').toBeGreaterThan(0);
  expect(ends[1]).toEqual(ends[0]);
  expect(ends[2]).toEqual(ends[0]);
  // Running did not change the document: the seed is still the sender's.
  await expect(other.page.getByTestId('run-seed')).toHaveValue(SEED);
  other.expectNoConsoleErrors();
  await fresh.close();
  app.expectNoConsoleErrors();
});
