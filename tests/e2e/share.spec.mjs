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
