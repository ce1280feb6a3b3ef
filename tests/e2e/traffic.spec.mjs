// The scenario's traffic profile is edited in the run panel: choose a ramp, then "zero to N
// users", see the preview, refuse a nonsensical value, run and watch the throughput follow the
// growth, and undo back to the previous profile (screenshot in docs/run-traffic-profile.png).
// And the replica-lag chart's theory line: the M/M/1 apply queue's mean lag, computed from the
// diagram, beside the simulated mean lag per write (docs/run-replica-lag.png).
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { AppPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const singleServer = path.join(here, '..', 'fixtures', 'single_server.json');
const docs = path.join(here, '..', '..', 'docs');
const savedTraffic = async (app) => JSON.parse(await app.autosave()).scenario.traffic;

test('a growth profile is chosen, previewed, run and undone', async ({ page }) => {
  // The run is 120 simulated seconds at 10x: a slow machine takes longer but does not fail.
  test.setTimeout(300_000);
  const app = new AppPage(page);
  await app.open('/');
  // 1,000 users at 0.1 req/s each: 100 req/s into one web server (about 200 req/s of capacity).
  await app.importFile(singleServer);
  const run = new RunPanel(page);
  await page.getByTestId('run-expand').click();
  const profile = run.profile();
  await expect(profile.kind).toHaveValue('constant');
  await expect(profile.caption).toHaveText('100 req/s throughout the 600 s run');

  // A ramp starts at the configured load and ends at five times it.
  await profile.kind.selectOption('ramp');
  await expect.poll(() => savedTraffic(app)).toEqual({ ramp: { start_factor: 1, end_factor: 5 } });
  await expect.poll(() => profile.rates()).toEqual({ start: 100, end: 500, peak: 500 });
  await expect(profile.caption).toHaveText('100 → 500 req/s over 600 s, peak 500');

  // Zero to N users: from 10 to 1,500 users over a 120 s run, 0.1 req/s each.
  await profile.kind.selectOption('growth');
  await profile.set('run-length', 120);
  await profile.set('start_users', 10);
  await profile.set('end_users', 1500);
  const growth = { growth: { start_users: 10, end_users: 1500 } };
  await expect.poll(() => savedTraffic(app)).toEqual(growth);
  await expect.poll(async () => (await profile.rates()).end).toBeCloseTo(150, 6);
  expect((await profile.rates()).start).toBeCloseTo(1, 6);
  await expect(profile.caption).toHaveText('1.00 → 150 req/s over 120 s, peak 150');
  // The sparkline is a hockey stick: low for most of the run, steep at the end.
  const points = (await profile.preview.locator('polyline').getAttribute('points'))
    .split(' ')
    .map((p) => p.split(',').map(Number));
  const heightAt = (fraction) => 36 - points[Math.round(fraction * (points.length - 1))][1];
  expect(heightAt(0.5)).toBeLessThan(heightAt(1) / 5);

  // A nonsensical value is refused with a sentence and changes nothing.
  await profile.set('end_users', -5);
  await expect(profile.error).toHaveText(
    'To must be a whole number from 0 to 10,000,000,000 users, not -5.',
  );
  expect(await savedTraffic(app)).toEqual(growth);
  await expect(profile.caption).toHaveText('1.00 → 150 req/s over 120 s, peak 150');
  await profile.set('end_users', 1500);
  await expect(profile.error).toHaveCount(0);

  // Run to the end: the throughput chart follows the growth.
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(120, 240_000);
  await expect(run.panel).toHaveAttribute('data-status', 'finished');
  // Completions per second over the last 10 s window, against the mean offered rate over
  // that window: 0.1 req/s x 10 x 150^(t / 120) users, integrated.
  const users = (t) => 10 * 150 ** (t / 120);
  const windowMean = (t) => ((0.1 * 120) / Math.log(150)) * (users(t) - users(Math.max(0, t - 10))) / Math.min(10, t);
  const early = (await run.legendAt('chart-throughput', 0.3)).completed;
  const late = (await run.legendAt('chart-throughput', 0.98)).completed;
  const what = JSON.stringify({ early, late, expected: [windowMean(early.time), windowMean(late.time)] });
  console.log(`throughput: ${what}`);
  expect(late.time, what).toBeGreaterThan(100);
  expect(early.time, what).toBeLessThan(60);
  expect(Math.abs(late.value - windowMean(late.time)) / windowMean(late.time), what).toBeLessThan(0.2);
  expect(Math.abs(early.value - windowMean(early.time)) / windowMean(early.time), what).toBeLessThan(0.5);
  expect(late.value, what).toBeGreaterThan(5 * early.value);
  await page.getByTestId('traffic-preview').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(docs, 'run-traffic-profile.png') });

  // Undo: back to the profile before the last accepted edit (1,500 users instead of 1,000,000),
  // then to the ramp's predecessor steps.
  await page.getByTestId('editor.undo').click();
  await expect.poll(() => savedTraffic(app)).toEqual({ growth: { start_users: 10, end_users: 1000000 } });
  await expect(profile.field('end_users')).toHaveValue('1000000');
  for (let i = 0; i < 3; i++) await page.getByTestId('editor.undo').click();
  await expect.poll(() => savedTraffic(app)).toEqual({ ramp: { start_factor: 1, end_factor: 5 } });
  await expect(profile.kind).toHaveValue('ramp');
  app.expectNoConsoleErrors();
});

test('the replica-lag chart shows the M/M/1 prediction beside the simulated mean lag', async ({ page }) => {
  // Simulated time runs as fast as this machine allows: the wait is generous.
  test.setTimeout(360_000);
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(path.join(here, '..', 'fixtures', 'chapter_final.json'));
  const run = new RunPanel(page);
  await run.setSpeed('max');
  await run.run();
  // Before the scenario's datacenter outage at 300 s.
  await run.waitForSimTime(120, 300_000);
  await run.pause();
  const theory = await run.theory('chart-replica-lag');
  const legend = await run.legend('chart-replica-lag');
  const what = JSON.stringify({ theory, legend });
  console.log(`replica lag: ${what}`);
  // Each database's replicas, and DC2's database as a copy of DC1's (40 ms away).
  for (const db of ['Database (DC1)', 'Database (DC2)', 'Database (DC2) (cross-region)']) {
    const copy = `${db} (cross-region)`;
    const line = theory.find((t) => t.includes(db) && !t.includes(copy));
    expect(line, what).toMatch(/^M\/M\/1 apply queue predicts [\d.]+ ms for /);
    const predicted = parseFloat(line.match(/predicts ([\d.]+) ms/)[1]);
    // A few hundred writes per interval: the interval's mean lag is within 30 %.
    expect(Math.abs(legend[db] - predicted) / predicted, what).toBeLessThan(0.3);
  }
  await page.getByTestId('chart-replica-lag').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(docs, 'run-replica-lag.png') });
  app.expectNoConsoleErrors();
});

test('the load of several populations is edited together and keeps their shares', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  // The chapter's final design: users in the Americas and in Europe, the first twice the second.
  await app.importFile(path.join(here, '..', 'fixtures', 'chapter_final.json'));
  await page.getByTestId('run-expand').click();
  const users = page.getByTestId('traffic-users');
  const field = page.locator('label.run-field', { has: users });
  await expect(field).toContainText('Active users (all populations together)');
  const populations = async () =>
    JSON.parse(await app.autosave())
      .components.filter((c) => c.kind === 'users')
      .map((c) => c.config.load.active_users.active_users);
  const before = await populations();
  expect(before).toHaveLength(2);
  expect(before[0]).toBeGreaterThan(before[1]);
  const total = before[0] + before[1];
  await expect(users).toHaveValue(String(total));
  await expect(page.getByTestId('traffic-per-user')).not.toHaveValue('');

  await users.fill(String(2 * total));
  await users.press('Enter');
  await users.blur();
  await expect.poll(populations).toEqual(before.map((n) => 2 * n));
  await expect(users).toHaveValue(String(2 * total));
  // One undo step for both populations.
  await page.getByTestId('editor.undo').click();
  await expect.poll(populations).toEqual(before);
  // The same total written another way is shown back as the field writes it.
  await users.fill(`${total / 1000}e3`);
  await users.press('Enter');
  await expect(users).toHaveValue(String(total));
  expect(await populations()).toEqual(before);
  app.expectNoConsoleErrors();
});
