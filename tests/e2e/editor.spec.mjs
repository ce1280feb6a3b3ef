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
  await expect(web1.locator('.card-summary')).toHaveText(/^3 servers/);

  // Undo three times: the edit and both wires; then redo one wire.
  const undo = app.toolbar('editor.undo');
  await undo.click();
  await expect(web1.locator('.card-summary')).toHaveText(/^1 server /);
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

test('the wheel zooms until the help says it pans, and the choice is remembered', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.dragFromPalette('LoadBalancer', 300, 250);
  const zoom = page.getByTestId('zoom-level');
  const world = app.canvas.locator('svg.canvas g.world');
  const box = await app.canvas.boundingBox();
  const overCanvas = () => page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

  // A mouse's wheel zooms about the pointer.
  await overCanvas();
  const before = await zoom.textContent();
  await page.mouse.wheel(0, -200);
  await expect(zoom).not.toHaveText(before);
  await expect(page.getByTestId('notice')).toHaveCount(0);
  // A scroll moving both ways at once is a trackpad's: the choice below is pointed to.
  await page.mouse.wheel(3, -20);
  await expect(page.getByTestId('notice')).toContainText('trackpad');

  // Chosen in the help, the wheel pans and leaves the zoom alone; Ctrl+wheel (a pinch) zooms.
  await page.getByTestId('shortcuts-button').click();
  const choice = page.getByTestId('wheel-pans');
  await expect(choice).not.toBeChecked();
  await expect(page.getByTestId('shortcuts-overlay')).toContainText('Wheel  or  pinch');
  await choice.check();
  await expect(page.getByTestId('shortcuts-overlay')).toContainText('Ctrl+wheel  or  pinch');
  await page.keyboard.press('Escape');
  await overCanvas();
  const zoomed = await zoom.textContent();
  const at = await world.getAttribute('transform');
  await page.mouse.wheel(40, 120);
  await expect(world).not.toHaveAttribute('transform', at);
  await expect(zoom).toHaveText(zoomed);
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, 100);
  await page.keyboard.up('Control');
  await expect(zoom).not.toHaveText(zoomed);

  // A reload keeps the choice.
  await page.reload();
  await expect(page.getByTestId('app')).toBeVisible();
  await overCanvas();
  const reloaded = await zoom.textContent();
  const moved = await world.getAttribute('transform');
  await page.mouse.wheel(20, 150);
  await expect(world).not.toHaveAttribute('transform', moved);
  await expect(zoom).toHaveText(reloaded);
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.getByTestId('shortcuts-button').click();
  await expect(page.getByTestId('wheel-pans')).toBeChecked();
  app.expectNoConsoleErrors();
});

test('a datacenter drags from the palette and lands where it is released', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.dragFromPalette('Datacenter', 600, 380);
  const frame = app.canvas.getByTestId('datacenter').locator('.datacenter-frame');
  await expect(frame).toHaveCount(1);
  const canvas = await app.canvas.boundingBox();
  const box = await frame.boundingBox();
  expect(Math.abs(box.x + box.width / 2 - (canvas.x + 600))).toBeLessThanOrEqual(20);
  expect(Math.abs(box.y + box.height / 2 - (canvas.y + 380))).toBeLessThanOrEqual(20);
  await expect(page.getByTestId('inspector-datacenter')).toBeVisible();
  // A card dropped inside it joins it: the inspector counts one member.
  await app.dragFromPalette('WebServers', 600, 400);
  await app.canvas.getByTestId('datacenter').locator('.datacenter-title').click();
  await expect(page.getByTestId('inspector-datacenter')).toContainText('1 component inside');
  app.expectNoConsoleErrors();
});

test('a card held at the canvas edge pans the view and rides along, one undo step', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.dragFromPalette('LoadBalancer', 200, 250);
  await app.dragFromPalette('WebServers', 520, 250);
  const lb = app.card('LoadBalancer');
  const web = app.card('WebServers');
  const canvas = await app.canvas.boundingBox();
  const webBefore = await web.boundingBox();
  const lbBox = await lb.boundingBox();
  const gap = webBefore.x - lbBox.x;
  // Grab the load balancer, take it to the right edge and hold it there without moving.
  await page.mouse.move(lbBox.x + lbBox.width / 2, lbBox.y + lbBox.height / 2);
  await page.mouse.down();
  const edge = { x: canvas.x + canvas.width - 4, y: lbBox.y + lbBox.height / 2 };
  await page.mouse.move(edge.x, edge.y, { steps: 8 });
  await page.waitForTimeout(600);
  // The view travelled right: the web tier slid left on screen, the held card stayed under
  // the pointer.
  const webAfter = await web.boundingBox();
  expect(webBefore.x - webAfter.x).toBeGreaterThan(150);
  const held = await lb.boundingBox();
  expect(Math.abs(held.x + held.width / 2 - edge.x)).toBeLessThanOrEqual(30);
  await page.mouse.up();
  // The view stays still once the card is let go.
  const settled = await web.boundingBox();
  await page.waitForTimeout(200);
  expect((await web.boundingBox()).x).toBe(settled.x);
  // One undo puts the card back beside the web tier, where it was.
  await app.toolbar('editor.undo').click();
  await expect
    .poll(async () => (await web.boundingBox()).x - (await lb.boundingBox()).x)
    .toBeCloseTo(gap, 0);
  app.expectNoConsoleErrors();
});

test('a keyboard user wires two components without a mouse', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  // Add users, a load balancer and a database from the palette with the keyboard.
  for (const kind of ['Users', 'LoadBalancer', 'Database']) {
    await app.palette.locator(`[data-testid=palette-item][data-kind=${kind}]`).focus();
    await page.keyboard.press('Enter');
  }
  await expect(app.cards()).toHaveCount(3);
  // Focus the users card and select it, then start a wire from it.
  await app.card('Users').focus();
  await page.keyboard.press('Enter');
  await expect(app.card('Users')).toHaveClass(/selected/);
  await page.keyboard.press('w');
  const status = page.getByTestId('wire-status');
  await expect(status).toContainText('Connecting from Users');
  await expect(status).toContainText('Load balancer (requests input), target 1 of 2: Enter connects');
  await expect(app.card('LoadBalancer')).toHaveClass(/keyboard-target/);
  // Tab to the database: refused, and the reason is shown and spoken.
  await page.keyboard.press('Tab');
  await expect(app.card('Database')).toHaveClass(/keyboard-target refused/);
  await expect(page.getByTestId('refusal')).toBeVisible();
  await expect(status).toContainText('not allowed');
  await page.screenshot({ path: '../../docs/keyboard-wiring.tmp.png' });
  // Back to the load balancer and connect.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(app.canvas.getByTestId('wire')).toHaveCount(1);
  await expect(status).toContainText('Connected Users (dynamic output) to Load balancer');
  // One undo entry; Escape cancels a second attempt without a change. W on a focused card
  // wires from that card, selected or not.
  await app.focusSettled();
  await app.card('Database').focus();
  await page.keyboard.press('Escape');
  await app.focusSettled();
  await app.card('Users').focus();
  await page.keyboard.press('w');
  await expect(status).toContainText('Connecting from Users');
  await page.keyboard.press('Escape');
  await expect(status).toHaveText('Wiring cancelled.');
  await page.keyboard.press('Control+z');
  await expect(app.canvas.getByTestId('wire')).toHaveCount(0);
  app.expectNoConsoleErrors();
});

test('two fingers pinch to zoom and pan the canvas', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.dragFromPalette('WebServers', 400, 300);
  const zoom = page.getByTestId('zoom-level');
  await expect(zoom).toHaveText('100%');
  const canvas = await app.canvas.boundingBox();
  const card = await app.card('WebServers').locator('.card-body').boundingBox();
  const grab = [card.x - canvas.x + 20, card.y - canvas.y + 20];
  // The first finger lands on the card and starts dragging it; the second finger cancels that.
  await app.touch('pointerdown', [[11, ...grab]]);
  await app.touch('pointermove', [[11, 200, 330]]);
  await app.touch('pointerdown', [[12, 300, 330]]);
  // Spread the fingers from 100 px apart to 200 px apart, in steps.
  for (let i = 1; i <= 5; i++) {
    await app.touch('pointermove', [[12, 300 + 20 * i, 330]]);
  }
  await app.touch('pointermove', [[11, 180, 330]]);
  await app.touch('pointerup', [[11, 180, 330], [12, 400, 330]]);
  // 100 -> 220 px apart: the zoom grows 2.2 times.
  await expect(zoom).toHaveText('220%');
  await expect(app.toolbar('editor.undo')).toBeEnabled();
  await app.toolbar('editor.undo').click();
  // The aborted drag left no undo entry of its own (a committed drag would be undone first):
  // one undo removes the card that was added.
  await expect(app.cards()).toHaveCount(0);
  app.expectNoConsoleErrors();
});

test('the inspector switches a service-time distribution and a DNS to a weighted split', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.dragFromPalette('WebServers', 500, 200);
  await app.card('WebServers').locator('.card-body').click();
  await page.getByTestId('field-service_time').selectOption('log_normal');
  await expect(page.getByTestId('field-service_time.log_normal.mean_ms')).toHaveValue('20');
  const sigma = page.getByTestId('field-service_time.log_normal.sigma');
  await expect(sigma).toHaveValue('0.5');
  await sigma.fill('0');
  await sigma.press('Enter');
  await expect(page.getByTestId('field-error')).toContainText('Service time · sigma must be');
  // The switch was one undo entry: undo puts the exponential back.
  await app.toolbar('editor.undo').click();
  await expect(page.getByTestId('field-service_time')).toHaveValue('exponential');

  // A DNS wired to two load balancers splits its answers 50/50, then 80/20.
  await app.dragFromPalette('Dns', 150, 350);
  await app.dragFromPalette('LoadBalancer', 450, 300);
  await app.dragFromPalette('LoadBalancer', 450, 480);
  const dns = app.card('Dns');
  await app.wire(dns, app.card('LoadBalancer', 0));
  await app.wire(dns, app.card('LoadBalancer', 1));
  await dns.locator('.card-body').click();
  await page.getByTestId('field-routing').selectOption('weighted');
  const shares = page.locator('[data-testid^="field-routing.weighted.percent."]');
  await expect(shares).toHaveCount(2);
  await expect(shares.nth(0)).toHaveValue('50');
  await shares.nth(0).fill('80');
  await shares.nth(0).press('Enter');
  await expect(shares.nth(1)).toHaveValue('20');
  await expect(dns.locator('.card-summary')).toContainText('weighted');
  await page.screenshot({ path: '../../docs/inspector-weighted.tmp.png' });
  app.expectNoConsoleErrors();
});

test('a keyboard user reaches wires and datacenters with Tab, selects, nudges and deletes them', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.importFile(new URL('../fixtures/chapter_final.json', import.meta.url).pathname);
  const wires = app.canvas.getByTestId('wire');
  const count = await wires.count();
  // A wire is a tab stop, named by its two ends as the fault list names it.
  const wire = wires.first();
  await expect(wire).toHaveAttribute('tabindex', '0');
  await expect(wire).toHaveAttribute('aria-label', /^Wire .+ → .+$/);
  await wire.focus();
  await page.keyboard.press('Enter');
  await expect(wire).toHaveClass(/selected/);
  await expect(wire).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Delete');
  await expect(wires).toHaveCount(count - 1);
  // A datacenter too: Enter selects it, an arrow nudges it with the cards it holds.
  const dc = app.canvas.getByTestId('datacenter').first();
  await expect(dc).toHaveAttribute('aria-label', /.+/);
  const frame = dc.locator('.datacenter-frame');
  const x = Number(await frame.getAttribute('x'));
  await dc.focus();
  await page.keyboard.press('Enter');
  await expect(dc).toHaveClass(/selected/);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Number(await frame.getAttribute('x'))).toBe(x + 20);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Number(await frame.getAttribute('x'))).toBe(x);
  app.expectNoConsoleErrors();
});

test('Tab reaches the cards first, then the wires and the datacenters, each brought into view', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.importFile(new URL('../fixtures/chapter_final.json', import.meta.url).pathname);
  const cards = app.canvas.getByTestId('component-card');
  const wires = app.canvas.getByTestId('wire');
  const dcs = app.canvas.getByTestId('datacenter');
  const [cardCount, wireCount, dcCount] = [await cards.count(), await wires.count(), await dcs.count()];
  expect(dcCount).toBeGreaterThan(0);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return { stop: el?.getAttribute('data-canvas-stop') ?? null, id: el?.getAttribute('data-id') ?? null };
    });
  // Zoomed far out, the focused card's dashes go wider than the run's ring of its state drawn
  // over it, so that it still shows (a run stepped once: before, there is no ring to draw).
  await expect(page.locator('.run-badge')).toHaveCount(0);
  await page.getByTestId('run-step').click();
  await expect(page.locator('.run-far-ring').first()).toBeAttached();
  const svg = app.canvas.locator('svg.canvas');
  for (let i = 0; i < 10 && !/\bfar\b/.test(await svg.getAttribute('class')); i++) {
    await page.getByTestId('editor.zoom_out').click();
  }
  await expect(svg).toHaveClass(/far/);
  await app.canvas.focus();
  await page.keyboard.press('Tab');
  const widths = (card) =>
    card.evaluate((card) => {
      const ring = document.querySelector(`.run-badge[data-component="${card.dataset.id}"] .run-far-ring`);
      const px = (el) => parseFloat(getComputedStyle(el).strokeWidth);
      return { outline: px(card.querySelector('.card-body')), ring: ring ? px(ring) : null };
    });
  const focusedCard = await widths(page.locator(':focus'));
  expect(focusedCard.ring).toBeGreaterThan(0);
  expect(focusedCard.outline).toBeGreaterThan(focusedCard.ring * 2);
  // And so does a card selected with the pointer.
  await cards.nth(1).click();
  await expect(cards.nth(1)).toHaveClass(/selected/);
  const selectedCard = await widths(cards.nth(1));
  expect(selectedCard.outline).toBeGreaterThan(selectedCard.ring * 2);
  await page.keyboard.press('Escape');
  // Zoomed in far, most of the design is off screen: what Tab reaches must come into view.
  for (let i = 0; i < 6; i++) await page.getByTestId('editor.zoom_in').click();
  await app.canvas.focus();
  const area = await app.canvas.boundingBox();
  const inView = async (locator) => {
    const b = await locator.boundingBox();
    return b.x + b.width > area.x && b.x < area.x + area.width && b.y + b.height > area.y && b.y < area.y + area.height;
  };
  for (let i = 0; i < cardCount; i++) {
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ stop: 'card', id: await cards.nth(i).getAttribute('data-id') });
    expect(await inView(cards.nth(i))).toBe(true);
  }
  await page.keyboard.press('Tab');
  expect(await focused()).toEqual({ stop: 'wire', id: await wires.first().getAttribute('data-id') });
  // Shift+Tab goes back the same way.
  await page.keyboard.press('Shift+Tab');
  expect((await focused()).stop).toBe('card');
  await page.keyboard.press('Tab');
  for (let i = 1; i < wireCount + dcCount; i++) await page.keyboard.press('Tab');
  expect(await focused()).toEqual({ stop: 'datacenter', id: await dcs.last().getAttribute('data-id') });
  expect(await inView(dcs.last())).toBe(true);
  // Past the last datacenter, Tab leaves the canvas; Shift+Tab comes back to that datacenter.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=canvas]'))).toBe(false);
  await page.keyboard.press('Shift+Tab');
  const lastDc = await dcs.last().getAttribute('data-id');
  await expect.poll(focused).toEqual({ stop: 'datacenter', id: lastDc });
  app.expectNoConsoleErrors();
});

test('zoom buttons land on the same levels whatever a fit left the zoom at', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.importFile(new URL('../fixtures/chapter_final.json', import.meta.url).pathname);
  const zoom = page.getByTestId('zoom-level');
  await page.getByTestId('editor.fit_to_view').click();
  const fitted = await zoom.textContent();
  // Powers of 1.25: 33 %, 41 %, 51 %, 64 %, 80 %, 100 %, 125 %...
  const levels = [-5, -4, -3, -2, -1, 0, 1, 2, 3].map((k) => `${Math.round(100 * 1.25 ** k)}%`);
  await page.getByTestId('editor.zoom_in').click();
  const up = await zoom.textContent();
  expect(levels, `from ${fitted}`).toContain(up);
  await page.getByTestId('editor.zoom_out').click();
  await page.getByTestId('editor.zoom_out').click();
  await page.getByTestId('editor.zoom_in').click();
  await expect(zoom).toHaveText(levels[levels.indexOf(up) - 1]);
});
