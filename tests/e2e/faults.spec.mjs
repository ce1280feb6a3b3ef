// The scenario's fault schedule is edited on the timeline: added, moved, removed, undone, and
// it travels with the diagram (the autosave holds it).
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { AppPage } from './app-page.mjs';

const chapterFinal = fileURLToPath(new URL('../fixtures/chapter_final.json', import.meta.url));
const savedFaults = async (app) => JSON.parse(await app.autosave()).scenario.faults;

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

  await items.last().getByTestId('scheduled-fault-remove').click();
  await expect(items).toHaveCount(before.length);

  // Undo the removal, the move and the addition: back to the file's schedule.
  for (let i = 0; i < 3; i++) await page.getByTestId('editor.undo').click();
  await expect(items).toHaveCount(before.length);
  await expect.poll(() => savedFaults(app)).toEqual(before);
  app.expectNoConsoleErrors();
});
