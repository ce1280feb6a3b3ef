// Where the keyboard's focus goes, for a person who uses no mouse: it never falls back to the
// page's body after an action, dialogs take it and give it back, and a lesson opened from the
// keyboard is read from its title; what a screen reader names is told apart.
import { test, expect } from '@playwright/test';
import { EditorPage } from './app-page.mjs';

/** The test id (or tag) of the element that has the focus. */
async function focusedId(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    return a.getAttribute('data-testid') ?? a.id ?? a.tagName.toLowerCase();
  });
}

test('a delete, an undo and a wire drawn from the keyboard keep the focus on the canvas', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.dragFromPalette('LoadBalancer', 200, 250);
  await app.dragFromPalette('WebServers', 520, 250);
  // Focus the load balancer's card as Tab would, select it with Enter and delete it.
  await app.card('LoadBalancer').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(app.cards()).toHaveCount(1);
  await expect.poll(() => focusedId(page)).not.toBe('body');
  // Undo brings it back; the focus is still somewhere a key reaches the editor.
  await page.keyboard.press('Control+z');
  await expect(app.cards()).toHaveCount(2);
  await expect.poll(() => focusedId(page)).not.toBe('body');
  // A wire drawn from the keyboard becomes the selection and takes the focus: Delete then
  // removes that wire, the item the focus is on.
  await app.card('LoadBalancer').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('w');
  await page.keyboard.press('Enter');
  await expect(app.canvas.getByTestId('wire')).toHaveCount(1);
  await expect.poll(() => focusedId(page)).toBe('wire');
  // Said, the wiring's last word leaves the canvas a few seconds later (still in the page
  // for a screen reader to read again).
  const status = page.getByTestId('wire-status');
  await expect(status).toContainText('Connected');
  await expect(status).not.toHaveClass(/empty/);
  await expect(status).toHaveClass(/empty/, { timeout: 8_000 });
  await expect(status).toContainText('Connected');
  await page.keyboard.press('Delete');
  await expect(app.canvas.getByTestId('wire')).toHaveCount(0);
  await expect(app.cards()).toHaveCount(2);
  await expect.poll(() => focusedId(page)).not.toBe('body');
  app.expectNoConsoleErrors();
});

test('the shortcuts list and the gallery take the focus and give it back', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await page.getByTestId('zoom-level').focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-overlay')).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('overlay-panel'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-overlay')).toHaveCount(0);
  await expect.poll(() => focusedId(page)).toBe('zoom-level');

  await page.getByTestId('lessons-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('gallery')).toBeVisible();
  await expect.poll(() => focusedId(page)).toBe('gallery-close');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('gallery')).toHaveCount(0);
  await expect.poll(() => focusedId(page)).toBe('lessons-open');
  app.expectNoConsoleErrors();
});

test('a lesson opened from the keyboard is read from its title, and Next keeps the focus', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await page.getByTestId('lessons-open').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('lesson-card-1').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await expect.poll(() => focusedId(page)).toBe('lesson-title');
  const next = page.getByTestId('lesson-next');
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lesson-progress')).toHaveText(/^2 \//);
  await expect.poll(() => focusedId(page)).toBe('lesson-next');
  // The lesson's two wires from its users to DNS are told apart by their ports.
  const names = await app.canvas.getByTestId('wire').evaluateAll((ws) => ws.map((w) => w.getAttribute('aria-label')));
  expect(new Set(names).size).toBe(names.length);
  app.expectNoConsoleErrors();
});
