// Settings the engine once ignored change what the inspector shows: a cache filled by the web
// tier (cache-aside) costs its node a second operation per miss, and a message queue's enqueue
// time is the time a job spends there.
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { AppPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '..', 'fixtures', 'chapter_final.json');

async function open(page) {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fixture);
  return { app, run: new RunPanel(page) };
}

/** Runs from the start to `seconds` of simulated time and pauses. */
async function runTo(page, run, seconds) {
  await page.getByTestId('run-reset').click();
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(seconds, 120_000);
  await run.pause();
}

test('a cache-aside cache serves two operations per miss where a read-through one serves one', async ({ page }) => {
  test.setTimeout(300_000);
  const { app, run } = await open(page);
  const live = page.getByTestId('inspector-live');
  await page.getByTestId('component-card').filter({ hasText: 'Cache (DC1)' }).click();
  const readThrough = page.getByTestId('field-read_through');
  await expect(readThrough).toBeChecked();
  await runTo(page, run, 10);
  await expect(live.getByTestId('live-cache-operations')).toContainText(/^.*1\.00/);
  await readThrough.uncheck();
  await runTo(page, run, 10);
  await expect(live.getByTestId('live-cache-operations')).toContainText(/^.*2\.00/);
  app.expectNoConsoleErrors();
});

test("a message queue's enqueue time is what a job spends there", async ({ page }) => {
  test.setTimeout(300_000);
  const { app, run } = await open(page);
  const live = page.getByTestId('inspector-live');
  await page.getByTestId('component-card').filter({ hasText: 'Message queue (DC1)' }).click();
  await runTo(page, run, 10);
  await expect(live.getByTestId('live-latency')).toContainText('1.00 / 1.00');
  const enqueue = page.getByTestId('field-enqueue_latency_ms');
  await enqueue.fill('40');
  await enqueue.press('Enter');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
  await runTo(page, run, 10);
  await expect(live.getByTestId('live-latency')).toContainText('40.0 / 40.0');
  app.expectNoConsoleErrors();
});

test('numeric fields read numbers as people type them, and the arrow keys step them', async ({ page }) => {
  const { app } = await open(page);
  const web = app.cardLabelled('Web tier (DC1)');
  await web.click();
  const instances = page.getByTestId('field-instances');
  // A number input in Chromium drops a typed comma: "0,5" became 5 without a word.
  await instances.fill('1e1');
  await instances.press('Enter');
  await expect(instances).toHaveValue('10');
  await expect(web).toContainText('10 servers');
  await instances.press('ArrowUp');
  await expect(instances).toHaveValue('11');
  await expect(web).toContainText('11 servers');
  await instances.press('Shift+ArrowDown');
  await expect(web).toContainText('1 server ');
  await instances.fill('3,5');
  await instances.press('Enter');
  await expect(page.getByTestId('field-error')).toContainText('whole number');
  await expect(page.getByTestId('field-error')).toContainText('3,5');
  await expect(web).toContainText('1 server ');
  const mean = page.getByTestId('field-service_time.exponential.mean_ms');
  await mean.fill('0,5');
  await mean.press('Enter');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
  await expect(mean).toHaveValue('0.5');
  await mean.fill('1,250');
  await mean.press('Enter');
  await expect(mean).toHaveValue('1250');
  // Escape puts the setting back, and the focus leaving applies nothing; a refusal goes too.
  await mean.fill('7');
  await mean.press('Escape');
  await expect(mean).toHaveValue('1250');
  await instances.fill('abc');
  await instances.press('Enter');
  await expect(page.getByTestId('field-error')).toContainText('between 1 and 10,000');
  await instances.press('Escape');
  await expect(instances).toHaveValue('1');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
  await app.cardLabelled('Cache (DC1)').click();
  await web.click();
  await expect(page.getByTestId('field-service_time.exponential.mean_ms')).toHaveValue('1250');
  await expect(web).toContainText('1 server ');
  // A value refused as the focus leaves for the canvas (a click there selects nothing, and the
  // form goes) is said in the banner, not dropped unsaid with the form.
  await instances.fill('-3');
  const canvas = await page.getByTestId('canvas').boundingBox();
  await page.mouse.click(canvas.x + canvas.width - 40, canvas.y + canvas.height - 40);
  await expect(page.getByTestId('inspector-empty')).toBeVisible();
  await expect(app.banner).toContainText('Instances');
  await expect(app.banner).toContainText('“-3”');
  await expect(web).toContainText('1 server ');
  app.expectNoConsoleErrors();
});

test('two fields refused one after the other each keep their message and what was typed', async ({ page }) => {
  const { app } = await open(page);
  const web = app.cardLabelled('Web tier (DC1)');
  await web.click();
  const instances = page.getByTestId('field-instances');
  const mean = page.getByTestId('field-service_time.exponential.mean_ms');
  const before = await mean.inputValue();
  await instances.fill('2.5');
  await instances.press('Tab');
  await mean.fill('-1');
  await mean.press('Tab');
  // The first refusal is not silently replaced by the second: the field would show a value
  // the design does not hold, with nothing saying so.
  const errors = page.getByTestId('field-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('2.5');
  await expect(errors.nth(1)).toContainText('-1');
  await expect(instances).toHaveValue('2.5');
  await expect(instances).toHaveAttribute('aria-invalid', 'true');
  await expect(mean).toHaveAttribute('aria-invalid', 'true');
  // Each refused field is outlined in the messages' colour, not only described.
  const red = await errors.first().evaluate((e) => getComputedStyle(e).color);
  await expect(instances).toHaveCSS('border-top-color', red);
  await expect(page.getByTestId('field-concurrency_per_instance')).not.toHaveCSS('border-top-color', red);
  // Escape puts one field back; the other keeps its message.
  await instances.press('Escape');
  await expect(instances).not.toHaveValue('2.5');
  await expect(instances).toHaveAttribute('aria-invalid', 'false');
  await expect(errors).toHaveCount(1);
  await expect(errors).toContainText('-1');
  // A good value in it takes its message away too.
  await mean.fill('12');
  await mean.press('Enter');
  await expect(errors).toHaveCount(0);
  await expect(mean).toHaveValue('12');
  expect(before).not.toBe('12');
  app.expectNoConsoleErrors();
});
