// Wires that read like a diagram: on the chapter-final architecture, every wire runs around the
// cards (no wire point inside a card), ports are named on multi-port cards, a wire drawn from
// an input port connects, and while running a hovered wire shows its rate. Screenshots go to
// test-results/ (looked at, not committed).
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { EditorPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '..', 'fixtures', 'chapter_final.json');
const shots = path.join(here, 'test-results');

async function openChapterFinal(page) {
  const app = new EditorPage(page);
  await app.open('/');
  await app.importFile(fixture);
  await expect(app.cards().first()).toBeVisible();
  return app;
}

/** Points along every wire and the body of every card, in world units (read in the page). */
async function wiresAndCards(page) {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll('[data-testid=component-card] > g[transform]')].map((g) => {
      const m = g.getAttribute('transform').match(/translate\(([-\d.e]+) ([-\d.e]+)\)/);
      const body = g.querySelector('rect.card-body');
      return { x: +m[1], y: +m[2], w: +body.getAttribute('width'), h: +body.getAttribute('height') };
    });
    const wires = [...document.querySelectorAll('[data-testid=wire] path.wire-line')].map((p) => {
      const length = p.getTotalLength();
      const points = [];
      for (let s = 0; s <= length; s += 4) {
        const q = p.getPointAtLength(s);
        points.push([q.x, q.y]);
      }
      return { d: p.getAttribute('d'), points };
    });
    return { cards, wires };
  });
}

test('wires run around the cards and ports are named on the cards', async ({ page }) => {
  const app = await openChapterFinal(page);
  const { cards, wires } = await wiresAndCards(page);
  expect(wires.length).toBeGreaterThan(10);
  const inside = [];
  for (const [i, w] of wires.entries()) {
    for (const [x, y] of w.points) {
      for (const c of cards) {
        // 1 unit inside the body: a wire ends on a port at the card's edge.
        if (x > c.x + 1 && x < c.x + c.w - 1 && y > c.y + 1 && y < c.y + c.h - 1) {
          inside.push({ wire: i, x, y, card: c });
        }
      }
    }
  }
  expect(inside, 'wire points inside a card').toEqual([]);
  // Corners are rounded, along the same path the run's flows follow.
  expect(wires.some((w) => w.d.includes('Q'))).toBe(true);
  // A web servers card (one input, four outputs) names all five ports.
  const web = app.card('WebServers');
  await expect(web.getByTestId('port-label')).toHaveCount(5);
  await expect(web.getByTestId('port-label').filter({ hasText: 'sessions' })).toHaveCount(1);
  await page.screenshot({ path: path.join(shots, 'wires-1440.png') });
  app.expectNoConsoleErrors();
});

test('a wire drawn from an input port connects to the output it is dropped on', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.dragFromPalette('WebServers', 300, 300);
  await app.dragFromPalette('Cache', 700, 450);
  await expect(app.cards()).toHaveCount(2);
  const before = await page.getByTestId('wire').count();
  const input = app.card('Cache').locator('[data-testid=port-in] circle').first();
  const target = await app.card('WebServers').locator('rect.card-body').boundingBox();
  const a = await input.boundingBox();
  const cacheAt = () => app.card('Cache').locator('g[transform]').first().getAttribute('transform');
  const cacheBefore = await cacheAt();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
  await expect(page.getByTestId('ghost-wire')).toHaveClass(/valid/);
  await page.mouse.up();
  await expect(page.getByTestId('wire')).toHaveCount(before + 1);
  // The press on the input did not drag the cache card.
  expect(await cacheAt()).toEqual(cacheBefore);
  app.expectNoConsoleErrors();
});

test('while running, a hovered wire shows its rate over the last window', async ({ page }) => {
  const app = await openChapterFinal(page);
  const run = new RunPanel(page);
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(12);
  await run.pause();
  // The users' wire into DNS: the only way into its target, so its own rate.
  const { wires } = await wiresAndCards(page);
  const first = page.getByTestId('wire').first();
  const id = await first.getAttribute('data-id');
  const box = await page.getByTestId('canvas').boundingBox();
  const mid = await first.locator('path.wire-line').evaluate((p) => {
    const q = p.getPointAtLength(p.getTotalLength() / 2);
    const m = p.getScreenCTM();
    return { x: q.x * m.a + q.y * m.c + m.e, y: q.x * m.b + q.y * m.d + m.f };
  });
  expect(wires.length).toBeGreaterThan(0);
  await page.mouse.move(mid.x, mid.y);
  const label = page.getByTestId('wire-rate');
  await expect(label).toBeVisible();
  await expect(label).toHaveAttribute('data-wire', id);
  await expect(label).toContainText(/req\/s/);
  await expect(label).toContainText(/last 10 s/);
  expect(box).toBeTruthy();
  await page.screenshot({ path: path.join(shots, 'wires-running-1440.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(shots, 'wires-390.png') });
  app.expectNoConsoleErrors();
});
