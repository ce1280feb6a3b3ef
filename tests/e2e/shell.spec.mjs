// A new user opens ScaleLab: the shell is there, the page logs no errors, and it also works
// under the sub-path GitHub Pages serves a project site from.
import { test, expect } from '@playwright/test';
import { AppPage } from './app-page.mjs';

for (const base of ['/', '/scalelab/']) {
  test(`the shell loads at ${base} with palette, canvas and inspector`, async ({ page }) => {
    const app = new AppPage(page);
    await app.open(base);
    await expect(app.palette).toBeVisible();
    await expect(app.canvas).toBeVisible();
    await expect(app.inspector).toBeVisible();
    await expect(app.metrics).toBeVisible();
    await expect(app.palette.locator('.palette-item')).toHaveCount(13);
    const box = await app.canvas.boundingBox();
    expect(box.width).toBeGreaterThan(600);
    expect(box.height).toBeGreaterThan(400);
    // Folded, the run panel is as tall as its bar and the hint under it, and no taller: the
    // rest of the height is the canvas's.
    const panel = await app.metrics.boundingBox();
    const hint = await page.getByTestId('run-hint').boundingBox();
    expect(hint.y + hint.height).toBeLessThanOrEqual(panel.y + panel.height);
    expect(panel.y + panel.height - (hint.y + hint.height)).toBeLessThan(24);
    if (base === '/') {
      await page.screenshot({ path: '../../docs/screenshot.png' });
    }
    app.expectNoConsoleErrors();
  });
}

test('the theme toggle cycles system, light and dark', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  const toggle = page.getByTestId('theme-toggle');
  const body = page.locator('body');
  const LIGHT = 'rgb(246, 247, 249)';
  const DARK = 'rgb(17, 20, 24)';
  // "System" follows the system's preference.
  await expect(toggle).toHaveText('Theme: system');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(body).toHaveCSS('background-color', DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(body).toHaveCSS('background-color', LIGHT);
  // An explicit choice overrides it, and survives a reload.
  await page.emulateMedia({ colorScheme: 'dark' });
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(body).toHaveCSS('background-color', LIGHT);
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(body).toHaveCSS('background-color', DARK);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(body).toHaveCSS('background-color', DARK);
  app.expectNoConsoleErrors();
});

// While the app's code downloads, the page already shows the header's frame and a loading hint
// in the language the app will open in; the hint goes when the app mounts.
for (const [locale, hint] of [
  ['en-US', 'Loading ScaleLab…'],
  ['ko-KR', 'ScaleLab을 불러오는 중…'],
]) {
  test(`a loading hint shows before the app's code arrives (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    await expect(page.getByTestId('boot')).toBeVisible();
    await expect(page.getByTestId('boot')).toContainText(hint);
    await expect(page.getByTestId('app')).toHaveCount(0);
    release();
    await expect(page.getByTestId('app')).toBeVisible();
    await expect(page.getByTestId('boot')).toHaveCount(0);
    await context.close();
  });
}
