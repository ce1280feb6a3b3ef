// Sharing never loses work: autosave survives a reload, a share link reproduces the diagram in
// a fresh browser, a damaged link or file is explained and changes nothing.
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { AppPage } from './app-page.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

test('an imported diagram survives a reload and travels by share link', async ({ page, browser }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fixture('chapter_final.json'));
  await expect(app.banner).toContainText('Opened “chapter_final.json”');
  const saved = await app.autosave();
  expect(saved).toContain('"kind"');

  await page.reload();
  await expect(page.getByTestId('app')).toBeVisible();
  expect(await app.autosave()).toBe(saved);

  const link = await app.shareLink();
  expect(link).toMatch(/#v1=[A-Za-z0-9_-]+$/);
  const fragment = link.slice(link.indexOf('#') + 1);
  console.log(`share link fragment for the chapter-final architecture: ${fragment.length} characters`);
  expect(fragment.length).toBeLessThanOrEqual(2000);

  const fresh = await browser.newContext();
  const other = new AppPage(await fresh.newPage());
  await other.open(`/${link.slice(link.indexOf('#'))}`);
  await expect(other.banner).toContainText('Opened the shared diagram.');
  await expect.poll(() => other.autosave()).toBe(saved);
  expect(new URL(other.page.url()).hash).toBe('');
  other.expectNoConsoleErrors();
  await fresh.close();
  app.expectNoConsoleErrors();
});

test('a damaged link says so and leaves the saved diagram untouched', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fixture('chapter_final.json'));
  const saved = await app.autosave();
  await app.shareLink();
  const link = await page.getByTestId('share-url').inputValue();
  const cut = link.slice(link.indexOf('#'), link.indexOf('#') + 80);
  await page.goto('about:blank');
  await app.open(`/${cut}`);
  await expect(app.banner).toContainText('This link is damaged');
  await expect(app.banner).toContainText('untouched');
  expect(await app.autosave()).toBe(saved);
});

test('opening a link over different work keeps that work restorable', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fixture('chapter_final.json'));
  const chapter = await app.autosave();
  await app.importFile(fixture('single_server.json'));
  const single = await app.autosave();
  expect(single).not.toBe(chapter);
  // The import kept the chapter-final diagram aside: put it back from the banner.
  await page.getByTestId('banner-action').click();
  await expect(app.banner).toContainText('Your previous diagram is back');
  expect(await app.autosave()).toBe(chapter);
  // Undo is the other way back, with the banner closed: the import was one undo entry.
  await app.importFile(fixture('single_server.json'));
  await page.getByTestId('banner-dismiss').click();
  await page.getByTestId('editor.undo').click();
  await expect.poll(() => app.autosave()).toBe(chapter);
  // A link opened over work too: the single server's link, over the chapter final.
  await app.importFile(fixture('single_server.json'));
  const shared = await app.shareLink();
  await page.getByTestId('share-close').click();
  await page.getByTestId('banner-dismiss').click();
  await page.getByTestId('editor.undo').click();
  await expect.poll(() => app.autosave()).toBe(chapter);
  await page.evaluate((hash) => { window.location.hash = hash; }, shared.slice(shared.indexOf('#')));
  await expect(app.banner).toContainText('Opened the shared diagram');
  await expect.poll(() => app.autosave()).toBe(single);
  await page.getByTestId('banner-dismiss').click();
  await page.getByTestId('editor.undo').click();
  await expect.poll(() => app.autosave()).toBe(chapter);
  // Undone with the banner still up, the banner goes by itself: what it offered to restore
  // is back, and is not offered again after a reload.
  await app.importFile(fixture('single_server.json'));
  await expect(page.getByTestId('banner-action')).toBeVisible();
  await page.getByTestId('editor.undo').click();
  await expect.poll(() => app.autosave()).toBe(chapter);
  await expect(app.banner).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('app')).toBeVisible();
  await expect(app.banner).toHaveCount(0);
});

test('work a link replaced is offered again after a reload until it is restored or let go', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fixture('single_server.json'));
  const shared = await app.shareLink();
  await page.getByTestId('share-close').click();
  await app.importFile(fixture('chapter_final.json'));
  const chapter = await app.autosave();
  // The link opens over the chapter final, and the person goes away without choosing.
  await page.goto(shared);
  await expect(app.banner).toContainText('Opened the shared diagram');
  const single = await app.autosave();
  expect(single).not.toBe(chapter);
  await page.goto('/');
  await expect(app.banner).toContainText('The diagram you were working on before a link, a file or a lesson replaced it is still kept.');
  // Still offered after another reload, until chosen: restored, it is not offered again.
  await page.reload();
  await expect(app.banner).toContainText('is still kept');
  await page.getByTestId('banner-action').click();
  await expect(app.banner).toContainText('Your previous diagram is back');
  await expect.poll(() => app.autosave()).toBe(chapter);
  await page.reload();
  await expect(page.getByTestId('app')).toBeVisible();
  await expect(app.banner).toHaveCount(0);

  // Let go: the banner closed, a reload offers nothing.
  await page.goto(shared);
  await expect(app.banner).toContainText('Opened the shared diagram');
  await page.getByTestId('banner-dismiss').click();
  await page.goto('/');
  await expect(page.getByTestId('app')).toBeVisible();
  await expect(app.banner).toHaveCount(0);
  expect(await app.autosave()).toBe(single);
  app.expectNoConsoleErrors();
});

test('a malformed file is refused with a reason and the canvas is unchanged', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fixture('chapter_final.json'));
  const saved = await app.autosave();
  await app.importFile(fixture('bad/duplicate_ids.json'));
  await expect(app.banner).toContainText('Could not open “duplicate_ids.json”');
  await expect(app.banner).toContainText('Your diagram is unchanged');
  expect(await app.autosave()).toBe(saved);
});

test('values the file format cannot hold are refused where they are typed, so a reload loses nothing', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fixture('single_server.json'));
  // A label longer than a file holds stops at its 200 characters.
  await app.canvas.getByTestId('component-card').first().click();
  const label = page.getByTestId('field-label');
  await label.fill('');
  await label.pressSequentially('x'.repeat(210), { delay: 0 });
  await label.press('Enter');
  await expect(label).toHaveValue('x'.repeat(200));
  await expect(app.cardLabelled('x'.repeat(200))).toHaveCount(1);

  // Active users beyond the settings' range: said under the field, nothing changed.
  await page.getByTestId('run-expand').click();
  const users = page.getByTestId('traffic-users');
  const before = await users.inputValue();
  for (const typed of ['1e30', '-1']) {
    await users.fill(typed);
    await users.press('Enter');
    await expect(page.getByTestId('load-error')).toContainText('Active users must be a whole number from 0 to 10,000,000,000 users');
  }
  expect(JSON.parse(await app.autosave()).components.find((c) => c.kind === 'users').config.load.active_users.active_users).toBe(Number(before));

  // A fault at a time the format does not hold: refused, none scheduled.
  const faults = page.getByTestId('scheduled-fault');
  const scheduled = await faults.count();
  await page.getByTestId('schedule-at').fill('1e30');
  await page.getByTestId('schedule-add').click();
  await expect(app.banner).toContainText('from 0 to 1,000,000,000');
  await expect(faults).toHaveCount(scheduled);

  // Everything typed above that was kept opens again.
  await expect.poll(async () => (await app.autosave()).includes('x'.repeat(200))).toBe(true);
  const saved = await app.autosave();
  await page.reload();
  await expect(page.getByTestId('app')).toBeVisible();
  await expect(app.cardLabelled('x'.repeat(200))).toHaveCount(1);
  await expect(page.getByText('could not be read')).toHaveCount(0);
  expect(await app.autosave()).toBe(saved);
  app.expectNoConsoleErrors();
});

test('an autosave this build cannot open is offered as a file, word for word', async ({ page }) => {
  const broken = '{"format":"scalelab-diagram","version":1,"components":[{"id":1,"kind":"users","label":"' +
    'x'.repeat(250) + '","x":0,"y":0}],"wires":[],"groups":[],"next_id":2}';
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('scalelab.autosave.v1', text);
    }
  }, broken);
  const app = new AppPage(page);
  await page.goto('/');
  await expect(app.banner).toContainText('could not be read');
  const action = page.getByTestId('banner-action');
  await expect(action).toHaveText('Download the kept copy');
  const [download] = await Promise.all([page.waitForEvent('download'), action.click()]);
  expect(download.suggestedFilename()).toBe('scalelab-kept.json');
  const fs = await import('node:fs/promises');
  expect(await fs.readFile(await download.path(), 'utf8')).toBe(broken);
  app.expectNoConsoleErrors();
});

test('the share dialog, the export menu and the gallery keep the keyboard where it belongs', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto('/');
  // The gallery is modal: Tab goes round its own controls.
  const gallery = page.getByTestId('gallery');
  await expect(gallery).toBeVisible();
  await expect(page.getByTestId('gallery-close')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  const last = await page.evaluate(() => document.activeElement.closest('[data-testid=gallery]') !== null);
  expect(last).toBe(true);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('gallery-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(gallery).toHaveCount(0);

  // The share dialog takes the focus on its link, and Escape gives it back to Share.
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-dialog')).toHaveCount(0);
  await expect(page.getByTestId('share')).toBeFocused();

  // The export menu: the down arrow opens it on its first entry and walks it; Escape closes it
  // back onto its button.
  await page.getByTestId('export').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('export-json')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('export-svg')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByTestId('export-png')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-menu')).toHaveCount(0);
  await expect(page.getByTestId('export')).toBeFocused();
  app.expectNoConsoleErrors();
});
