// A new user builds a small design on the canvas: drags a load balancer and two web servers
// from the palette, wires them, sees why an invalid wire is refused, edits a setting in the
// inspector, then undoes and redoes.
import { test, expect } from '@playwright/test';
import { EditorPage } from './app-page.mjs';

test('a new user drags, wires, configures, undoes and redoes', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await expect(page.getByTestId('canvas-empty')).toBeVisible();

  await app.dragFromPalette('LoadBalancer', 200, 250);
  await app.dragFromPalette('WebServers', 520, 150);
  await app.dragFromPalette('WebServers', 520, 380);
  await expect(app.cards()).toHaveCount(3);
  await expect(page.getByTestId('canvas-empty')).toHaveCount(0);

  const lb = app.card('LoadBalancer');
  const web1 = app.card('WebServers', 0);
  const web2 = app.card('WebServers', 1);
  await app.wire(lb, web1);
  await app.wire(lb, web2);
  await expect(app.canvas.getByTestId('wire')).toHaveCount(2);

  // A web server cannot send requests back into a load balancer: the reason shows by the cursor.
  await app.wire(web1, lb, { release: false });
  await expect(page.getByTestId('refusal')).toBeVisible();
  const reason = await page.getByTestId('refusal').textContent();
  expect(reason.length).toBeGreaterThan(10);
  await page.mouse.up();
  await expect(app.canvas.getByTestId('wire')).toHaveCount(2);

  // Edit the first web tier's instance count in the inspector.
  await web1.locator('.card-body').click();
  await expect(page.getByTestId('inspector-component')).toBeVisible();
  const instances = page.getByTestId('field-instances');
  await instances.fill('-5');
  await instances.press('Enter');
  await expect(page.getByTestId('field-error')).toContainText('Instances');
  await instances.fill('3');
  await instances.press('Enter');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
  await expect(web1.locator('.card-summary')).toHaveText(/^3 instances/);

  // Undo three times: the edit and both wires; then redo one wire.
  const undo = app.toolbar('editor.undo');
  await undo.click();
  await expect(web1.locator('.card-summary')).toHaveText(/^1 instance/);
  await undo.click();
  await undo.click();
  await expect(app.canvas.getByTestId('wire')).toHaveCount(0);
  await app.toolbar('editor.redo').click();
  await expect(app.canvas.getByTestId('wire')).toHaveCount(1);

  // Select the load balancer for the picture, and look at it.
  await lb.locator('.card-body').click();
  await page.screenshot({ path: '../../docs/editor.png' });

  // Reload: the autosave brings back exactly this diagram (three cards, one wire).
  await expect
    .poll(async () => {
      const saved = JSON.parse((await app.autosave()) ?? '{}');
      return [saved.components?.length, saved.wires?.length];
    })
    .toEqual([3, 1]);
  await page.reload();
  await expect(app.canvas.getByTestId('component-card')).toHaveCount(3);
  await expect(app.canvas.getByTestId('wire')).toHaveCount(1);
  app.expectNoConsoleErrors();
});

test('the shortcuts overlay opens with ? and closes with Escape', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.canvas.click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('Shift+Slash');
  await expect(page.getByTestId('shortcuts-overlay')).toBeVisible();
  await expect(page.getByTestId('shortcuts-overlay')).toContainText('Undo');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-overlay')).toHaveCount(0);
  app.expectNoConsoleErrors();
});
