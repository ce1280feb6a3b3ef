// The scenario's fault schedule is edited on the timeline: added, moved, removed, undone, and
// it travels with the diagram (the autosave holds it). Faults are also injected live from the
// canvas's right-click menu, which is driven from the keyboard too (screenshot in
// docs/run-context-menu.png).
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { AppPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const chapterFinal = fileURLToPath(new URL('../fixtures/chapter_final.json', import.meta.url));
const singleServer = fileURLToPath(new URL('../fixtures/single_server.json', import.meta.url));
const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const savedFaults = async (app) => JSON.parse(await app.autosave()).scenario.faults;

test('every fault target reads differently: two wires between the same components name their port', async ({ page }) => {
  const app = new AppPage(page);
  // Lesson 1's users send their dynamic and their static requests to DNS, on two wires.
  await app.open('/#lesson=1');
  await page.getByTestId('run-expand').click();
  const targets = await page.getByTestId('fault-target').locator('option').allTextContents();
  expect(new Set(targets).size, targets.join(' | ')).toBe(targets.length);
  expect(targets).toContain('Wire Users (dynamic) → DNS');
  expect(targets).toContain('Wire Users (static) → DNS');
  expect(targets).toContain('Wire DNS → Web servers');
  app.expectNoConsoleErrors();
});

test('faults are scheduled, moved and removed on the timeline, each step undoable', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(chapterFinal);
  const before = await savedFaults(app);
  await page.getByTestId('run-expand').click();
  const items = page.getByTestId('scheduled-fault');
  await expect(items).toHaveCount(before.length);

  await page.getByTestId('fault-target').selectOption({ label: 'Cache (DC2)' });
  await page.getByTestId('schedule-action').selectOption('flush');
  await page.getByTestId('schedule-at').fill('45');
  await page.getByTestId('schedule-add').click();
  await expect(items).toHaveCount(before.length + 1);
  await expect(items.first()).toContainText('flush Cache (DC2)');
  await expect.poll(async () => (await savedFaults(app)).length).toBe(before.length + 1);

  await items.first().getByTestId('scheduled-fault-at').fill('500');
  await items.first().getByTestId('scheduled-fault-at').blur();
  await expect.poll(async () => (await savedFaults(app)).some((f) => f.at_s === 500)).toBe(true);
  const marks = page.locator('.run-timeline-mark');
  await expect(marks).toHaveCount(before.length + 1);
  await expect(page.getByTestId('scheduled-fault-after-end')).toHaveCount(0);

  // Past the run's end (900 s) a fault says it will not happen, and the bar has no mark for it.
  const moved = items.filter({ hasText: 'flush Cache (DC2)' });
  await moved.getByTestId('scheduled-fault-at').fill('1200');
  await moved.getByTestId('scheduled-fault-at').blur();
  const note = page.getByTestId('scheduled-fault-after-end');
  await expect(note).toHaveCount(1);
  await expect(note).toHaveText('a fault at 1200 s comes after the run ends (900 s)');
  await expect(items.last()).toContainText('flush Cache (DC2)');
  await expect(marks).toHaveCount(before.length);
  const noteId = await note.getAttribute('id');
  await expect(items.last().getByTestId('scheduled-fault-at')).toHaveAttribute('aria-describedby', noteId);

  await items.last().getByTestId('scheduled-fault-remove').click();
  await expect(items).toHaveCount(before.length);

  // Undo the removal, the two moves and the addition: back to the file's schedule.
  for (let i = 0; i < 4; i++) await page.getByTestId('editor.undo').click();
  await expect(items).toHaveCount(before.length);
  await expect.poll(() => savedFaults(app)).toEqual(before);
  app.expectNoConsoleErrors();
});

test('the canvas menu greys its faults out until a run is live, and the keyboard drives it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(chapterFinal);
  const cache = app.cardLabelled('Cache (DC1)');
  const menu = await app.openContextMenu(cache.locator('.card-body'));
  // The right-click selected the card, as a click would.
  await expect(cache).toHaveAttribute('aria-pressed', 'true');
  await expect(menu).toHaveAttribute('role', 'menu');
  for (const id of ['fail', 'restore', 'slow', 'flush']) {
    await expect(menu.getByTestId(`menu-fault-${id}`)).toBeDisabled();
  }
  // Only what applies to a cache: no wire to cut, no assets to deploy.
  await expect(menu.getByTestId('menu-fault-cut')).toHaveCount(0);
  await expect(menu.getByTestId('menu-fault-deploy')).toHaveCount(0);
  await expect(menu.getByTestId('context-menu-hint')).toHaveText('Start a run to break things live');
  // Editing needs no run. Focus starts on the first enabled entry; the arrows skip the
  // disabled faults and wrap round.
  await expect(menu.getByTestId('menu-editor.duplicate')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByTestId('menu-editor.copy')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByTestId('menu-editor.delete')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  // Closed from the keyboard, the menu gives the focus back to the card it was about.
  await expect(cache).toBeFocused();

  // Shift+F10 opens it for the selection; Enter chooses the focused entry.
  const cards = app.canvas.getByTestId('component-card');
  const count = await cards.count();
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-label', 'Actions for Cache (DC1)');
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(cards).toHaveCount(count + 1);
  await page.getByTestId('editor.undo').click();
  await expect(cards).toHaveCount(count);

  // A wheel over the canvas closes it, and so does a press elsewhere.
  await app.openContextMenu(cache.locator('.card-body'));
  await page.mouse.wheel(0, 120);
  await expect(menu).toHaveCount(0);
  await app.openContextMenu(cache.locator('.card-body'));
  await page.locator('.brand').click();
  await expect(menu).toHaveCount(0);

  // The empty canvas has a menu of its own: paste, select all, fit.
  const box = await app.canvas.boundingBox();
  await page.mouse.click(box.x + 12, box.y + box.height - 12, { button: 'right' });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-label', 'Actions for Diagram canvas');
  await expect(menu.getByTestId('menu-editor.paste')).toBeVisible();
  await expect(menu.getByTestId('menu-editor.fit_to_view')).toBeVisible();
  await menu.getByTestId('menu-editor.select_all').click();
  await expect(menu).toHaveCount(0);
  await expect(app.canvas.locator('[data-testid=component-card][aria-pressed=true]')).toHaveCount(count);
  app.expectNoConsoleErrors();
});

test('right-clicking a database, a cache and a datacenter during a run breaks them live', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(chapterFinal);
  const run = new RunPanel(page);
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(5);

  let menu = await app.openContextMenu(app.cardLabelled('Database (DC1)').locator('.card-body'));
  await expect(menu.getByTestId('context-menu-hint')).toHaveCount(0);
  await expect(menu.getByTestId('menu-fault-fail')).toBeFocused();
  await expect(menu.getByTestId('menu-fault-slow')).toBeEnabled();
  await expect(menu.getByTestId('menu-fault-flush')).toHaveCount(0);
  await page.screenshot({ path: `${docs}run-context-menu.png` });
  await menu.getByTestId('menu-fault-fail').click();
  await expect(menu).toHaveCount(0);
  await expect(run.log()).toContainText('will be promoted');
  await expect(run.log()).toContainText(/acknowledged writes? lost/);

  menu = await app.openContextMenu(app.cardLabelled('Cache (DC2)').locator('.card-body'));
  await menu.getByTestId('menu-fault-flush').click();
  await expect(run.log()).toContainText('Cache (DC2) flushed');

  // DC1's cache shows its hit ratio while it serves.
  const cache = page.locator(`.run-badge[data-component="${await app.cardLabelled('Cache (DC1)').getAttribute('data-id')}"]`);
  await expect(cache.locator('.run-badge-text').filter({ hasText: 'hit' })).toHaveCount(1);
  const dc1 = app.datacenter('DC1 (US East)');
  menu = await app.openContextMenu(dc1.locator('.datacenter-title'));
  await expect(dc1).toHaveClass(/selected/);
  await expect(menu.locator('[role=menuitem]:not(:disabled)')).toHaveText(['Fail', 'Restore', /Delete/]);
  await menu.getByTestId('menu-fault-fail').click();
  await expect(run.log()).toContainText('datacenter DC1 (US East) failed');
  // A window later DC1's cache, down, has no hit ratio to show: not its ratio since the start.
  await run.waitForSimTime((await run.simTime()) + 12);
  await run.pause();
  await expect(cache).toHaveClass(/down/);
  await expect(cache.locator('.run-badge-text').filter({ hasText: 'hit' })).toHaveCount(0);
  app.expectNoConsoleErrors();
});

test('an edit during a run starts it again from zero and says so; its live faults are gone', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(chapterFinal);
  await page.getByTestId('banner-dismiss').click();
  await expect(app.banner).toHaveCount(0);
  const run = new RunPanel(page);
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(5);
  const menu = await app.openContextMenu(app.cardLabelled('Database (DC1)').locator('.card-body'));
  await menu.getByTestId('menu-fault-fail').click();
  await expect(run.log()).toContainText('will be promoted');
  // A setting changed: the run goes on from zero on the new design, and the banner says so.
  await app.cardLabelled('Web tier (DC1)').locator('.card-body').click();
  const instances = page.getByTestId('field-instances');
  await instances.fill('12');
  await instances.press('Enter');
  await expect(app.banner).toContainText('the run started again from 0 s');
  await expect(run.log()).not.toContainText('will be promoted');
  await run.waitForSimTime(1);
  // Moving a card is not such an edit: no banner, no restart.
  await page.getByTestId('banner-dismiss').click();
  const before = await run.simTime();
  const box = await app.cardLabelled('Web tier (DC1)').locator('.card-body').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 12, box.y + box.height / 2 + 6, { steps: 4 });
  await page.mouse.up();
  await expect(app.banner).toHaveCount(0);
  expect(await run.simTime()).toBeGreaterThanOrEqual(before);
  app.expectNoConsoleErrors();
});

test('the charts mark every fault the run applied, scheduled or live, and word it in the screen\'s language', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(singleServer);
  await page.getByTestId('run-expand').click();
  // The web server fails at 4 s by the scenario, and is restored live a few seconds later.
  const run = new RunPanel(page);
  await run.schedule('Web server', 'fail', 4);
  // In real time until the failure is due, so that the look before it is taken before it
  // (at ten times, the second left is a tenth of a second of the test's time).
  await run.setSpeed('1');
  await run.run();
  await run.waitForSimTime(3);
  expect(await run.faultMarks('chart-throughput')).toEqual([]);
  await run.setSpeed('10');
  await run.waitForSimTime(8);
  await run.fault('Web server', 'restore');
  await expect(run.log()).toContainText('restored');
  await run.waitForSimTime((await run.simTime()) + 3);
  await run.pause();
  // Every chart marks both at the time the run took them, red for the failure, green for the
  // restore.
  for (const chart of ['chart-throughput', 'chart-latency', 'chart-queues']) {
    const marks = await run.faultMarks(chart);
    expect(marks, chart).toHaveLength(2);
    expect(marks[0]).toBe(4);
    expect(marks[1]).toBeGreaterThanOrEqual(8);
  }
  const throughput = page.getByTestId('chart-throughput');
  await expect(throughput.getByTestId('fault-mark').first()).toHaveClass(/run-fault-harm/);
  await expect(throughput.getByTestId('fault-mark').last()).toHaveClass(/run-fault-mend/);
  const restoredAt = (await run.faultMarks('chart-throughput'))[1];
  // Nothing is worded until the pointer comes near a mark.
  await expect(throughput.getByTestId('fault-mark-note')).toHaveCount(0);
  expect(await run.faultNotesNear('chart-throughput', 4)).toEqual(['4 s: Fail Web server']);
  expect(await run.faultNotesNear('chart-throughput', restoredAt))
    .toEqual([`${Math.round(restoredAt)} s: Restore Web server`]);
  await page.getByTestId('language').selectOption('ko');
  const [korean] = await run.faultNotesNear('chart-throughput', 4);
  expect(korean).toMatch(/^4초: /);
  expect(korean).toMatch(/[\uac00-\ud7a3]/);
  await page.getByTestId('language').selectOption('en');
  // A reset clears the marks with the run.
  await page.getByTestId('run-reset').click();
  await expect(throughput.getByTestId('fault-mark')).toHaveCount(0);
  app.expectNoConsoleErrors();
});

test("a population whose requests fail elsewhere says so: its badge turns red, and the inspector counts them", async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(singleServer);
  const run = new RunPanel(page);
  const live = page.getByTestId('inspector-live');
  await app.cardLabelled('Users').locator('.card-body').click();
  await run.setSpeed('1');
  await run.run();
  await run.waitForSimTime(2);
  // The first ten simulated seconds are all there is of the last window: said as such.
  await expect(live.getByTestId('live-arrivals')).toContainText('since the start');
  await expect(live.getByTestId('live-arrivals')).not.toContainText('last 10 s');
  await expect(live.getByTestId('live-sent-failed')).toHaveCount(0);
  const id = await app.cardLabelled('Users').getAttribute('data-id');
  const badge = page.locator(`.run-badge[data-component="${id}"]`);
  const green = await badge.locator('.run-badge-state').getAttribute('fill');
  expect(green).toMatch(/^hsl\(1[23]\d,/);
  const menu = await app.openContextMenu(app.cardLabelled('Web server').locator('.card-body'));
  await menu.getByTestId('menu-fault-fail').click();
  await expect(run.log()).toContainText('Web server');
  await run.setSpeed('10');
  await run.waitForSimTime(14);
  await run.pause();
  // Every request now fails at the web server; the users' card says what share of what they
  // send fails, and its dot is red, as the run's alerts are past 5 %.
  await expect(badge.locator('.run-badge-text').filter({ hasText: 'failing' })).toHaveText(/^failing (9\d|100) %/);
  await expect(badge.locator('.run-badge-state')).toHaveAttribute('fill', 'hsl(0, 75%, 45%)');
  await app.cardLabelled('Users').locator('.card-body').click();
  await expect(live.getByTestId('live-sent-failed')).toHaveClass(/alert/);
  await expect(live.getByTestId('live-sent-failed')).toContainText('of those it sent since the start');
  await expect(live.getByTestId('live-arrivals')).toContainText('over the last 10 s');
  app.expectNoConsoleErrors();
});

test("an edit during a lesson's run says the run started again, in place of the lesson's title", async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('lesson-card-1').click();
  const banner = page.getByTestId('banner');
  await expect(banner).toContainText('Lesson 1');
  const run = new RunPanel(page);
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(3);
  await page.getByTestId('component-card').filter({ hasText: 'Web server' }).locator('.card-body').click();
  const instances = page.getByTestId('field-instances');
  await instances.fill('2');
  await instances.press('Enter');
  await expect(banner).toContainText('the run started again from 0 s');
});
