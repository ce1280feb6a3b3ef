// Phones, tablets and the desktop (issue 17): at 1440x900, 768x1024 and 390x844, by touch
// (Playwright's hasTouch, isMobile on the two narrow sizes, taps through page.touchscreen and
// dispatched touch pointer events), a person adds, moves and wires cards, inspects one, runs
// the diagram, fails a card and shares it; the page never scrolls sideways and the canvas keeps
// its room; and every card is in view after opening a shared link, reloading, importing, and
// opening the run panel. Screenshots land in test-results/responsive/.
import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EditorPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const chapterFinal = fileURLToPath(new URL('../fixtures/chapter_final.json', import.meta.url));
const shots = fileURLToPath(new URL('../../test-results/responsive/', import.meta.url));
mkdirSync(shots, { recursive: true });

const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 }, isMobile: false },
  { name: 'tablet', viewport: { width: 768, height: 1024 }, isMobile: true },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
];

/** Cards outside the canvas (their labels), the canvas's size, and whether the page scrolls
 * sideways. */
async function layoutFacts(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
    const outside = [];
    for (const card of document.querySelectorAll('[data-testid=component-card]')) {
      const r = card.querySelector('.card-body').getBoundingClientRect();
      if (r.left < canvas.left - 1 || r.top < canvas.top - 1 || r.right > canvas.right + 1 || r.bottom > canvas.bottom + 1) {
        outside.push(card.getAttribute('aria-label'));
      }
    }
    // Cards a lesson's panel hides (it floats over the canvas).
    const under = [];
    const panel = document.querySelector('[data-testid=lesson-panel]')?.getBoundingClientRect();
    for (const card of panel ? document.querySelectorAll('[data-testid=component-card]') : []) {
      const r = card.querySelector('.card-body').getBoundingClientRect();
      if (r.left < panel.right && r.right > panel.left && r.top < panel.bottom && r.bottom > panel.top) {
        under.push(card.getAttribute('aria-label'));
      }
    }
    const root = document.scrollingElement;
    return {
      outside,
      under,
      cards: document.querySelectorAll('[data-testid=component-card]').length,
      canvas: { width: Math.round(canvas.width), height: Math.round(canvas.height) },
      sideways: root.scrollWidth > window.innerWidth,
    };
  });
}

/** Every card is inside the canvas, the canvas has room and the page does not scroll
 * sideways; a screenshot is taken. */
async function expectAllInView(page, shot) {
  // The camera follows the canvas's size as it settles (a banner, the panel opening).
  await expect.poll(async () => (await layoutFacts(page)).outside, { message: `cards out of view (${shot})` }).toEqual([]);
  await expect.poll(async () => (await layoutFacts(page)).under, { message: `cards under the lesson panel (${shot})` }).toEqual([]);
  const facts = await layoutFacts(page);
  expect(facts.cards).toBeGreaterThan(0);
  expect(facts.sideways, 'the page scrolls sideways').toBe(false);
  expect(facts.canvas.width).toBeGreaterThanOrEqual(Math.min(300, page.viewportSize().width - 20));
  expect(facts.canvas.height).toBeGreaterThanOrEqual(150);
  await page.screenshot({ path: `${shots}${shot}-${page.viewportSize().width}.png` });
}

/** Taps the centre of `locator` with a finger. */
async function tapCentre(page, locator) {
  const box = await locator.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

/** Drags a real finger (the browser's own touch input, so pointer capture and the browser's
 * gesture handling take part) from `from` to `to`, page coordinates, by way of `via` if given
 * (each leg in `steps` moves). */
async function fingerDrag(page, from, to, steps = 10, via = null) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, [x, y]) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
  await touch('touchStart', from);
  let at = from;
  for (const end of via ? [via, to] : [to]) {
    for (let i = 1; i <= steps; i++) {
      await touch('touchMove', [at[0] + ((end[0] - at[0]) * i) / steps, at[1] + ((end[1] - at[1]) * i) / steps]);
    }
    at = end;
  }
  await touch('touchEnd', to);
  await cdp.detach();
}

/** Opens `drawer` ('palette' or 'inspector') if it is a drawer at this size. */
async function openDrawer(page, drawer) {
  const button = page.getByTestId(`open-${drawer}`);
  if (await button.isVisible()) {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.tap();
    await expect(page.getByTestId(drawer)).toBeInViewport({ ratio: 0.9 });
  }
}

async function closeDrawer(page, drawer) {
  const close = page.getByTestId(`close-${drawer}`);
  if (await close.isVisible()) {
    await close.tap();
    await expect(page.getByTestId(drawer)).toBeHidden();
  }
}

for (const size of SIZES) {
  test.describe(`${size.name} ${size.viewport.width}x${size.viewport.height}`, () => {
    test.use({ viewport: size.viewport, hasTouch: true, isMobile: size.isMobile });

    test('every card is in view after import, reload, a shared link and the run panel opening', async ({ page, browser }) => {
      const app = new EditorPage(page);
      await app.open('/');
      await page.screenshot({ path: `${shots}empty-${page.viewportSize().width}.png` });
      // One hint shows: on a touch screen the one that says to tap, not to drag or press W.
      const coarse = await page.evaluate(() => matchMedia('(pointer: coarse)').matches);
      if (size.isMobile) expect(coarse, 'a phone or a tablet points coarsely').toBe(true);
      const hint = page.getByTestId('canvas-empty').locator('p:visible:not(.canvas-empty-title)');
      await expect(hint).toHaveCount(1);
      await expect(hint).toContainText(coarse ? 'tap' : 'press W');
      expect((await layoutFacts(page)).sideways, 'the page scrolls sideways').toBe(false);
      await app.importFile(chapterFinal);
      await expectAllInView(page, 'imported');
      if (coarse) {
        // A finger's targets: the header's buttons, the banner's close and the run controls
        // are at least 40 px a side.
        const small = await page.evaluate(() =>
          [...document.querySelectorAll('.app-header button, .app-header select, [data-testid=banner] button, .run-panel-head button, .run-panel-head select, .run-panel-head input')]
            .map((e) => [e.getAttribute('data-testid') ?? e.textContent.trim(), e.getBoundingClientRect()])
            .filter(([, r]) => r.width > 1 && r.height > 1 && (r.width < 39.5 || r.height < 39.5))
            .map(([name, r]) => `${name} ${Math.round(r.width)}x${Math.round(r.height)}`),
        );
        expect(small, 'targets smaller than 40 px').toEqual([]);
      }
      await page.reload();
      await expect(page.getByTestId('app')).toBeVisible();
      await expectAllInView(page, 'reloaded');
      const link = await app.shareLink();
      await page.getByTestId('share-close').tap();

      const fresh = await browser.newContext({ viewport: size.viewport, hasTouch: true, isMobile: size.isMobile });
      const other = new EditorPage(await fresh.newPage());
      await other.open(`/${link.slice(link.indexOf('#'))}`);
      await expect(other.banner).toBeVisible();
      await expectAllInView(other.page, 'shared-link');
      other.expectNoConsoleErrors();
      await fresh.close();

      // A drawer opened from the header takes the focus, and Escape closes it.
      if (size.name !== 'desktop') {
        await page.getByTestId('open-palette').click();
        await expect(page.getByTestId('close-palette')).toBeFocused();
        await page.keyboard.press('Escape');
        await expect(app.palette).toBeHidden();
        await expect(page.getByTestId('open-palette')).toHaveAttribute('aria-expanded', 'false');
    await page.waitForTimeout(600);
      }

      // Opening the run panel shrinks the canvas: the diagram stays in view.
      await page.getByTestId('run-expand').tap();
      await expect(page.getByTestId('run-expand')).toHaveAttribute('aria-expanded', 'true');
      await expectAllInView(page, 'run-panel-open');
      app.expectNoConsoleErrors();
    });

    test("a lesson's panel hides none of its design, open or folded, with the run panel open", async ({ page }) => {
      const app = new EditorPage(page);
      // Lesson 5's design reaches across the canvas: on a phone the panel covers its lower
      // part, on a desktop its left edge.
      await app.open('/#lesson=5');
      await expect(page.getByTestId('lesson-panel')).toBeVisible();
      await expectAllInView(page, 'lesson');
      // The banner naming the lesson stays readable: the panel floats below it.
      await expect(app.banner).toBeVisible();
      const [banner, panel] = await Promise.all([app.banner.boundingBox(), page.getByTestId('lesson-panel').boundingBox()]);
      expect(panel.y, 'the panel starts below the banner').toBeGreaterThanOrEqual(banner.y + banner.height - 0.5);
      await page.getByTestId('run-expand').tap();
      await expect(page.getByTestId('run-expand')).toHaveAttribute('aria-expanded', 'true');
      await expectAllInView(page, 'lesson-run-panel-open');
      await page.getByTestId('lesson-fold').tap();
      await expect(page.getByTestId('lesson-fold')).toHaveAttribute('aria-expanded', 'false');
      await expectAllInView(page, 'lesson-folded');
      app.expectNoConsoleErrors();
    });

    test('add, move, wire, inspect, run, fail and share by touch', async ({ page }) => {
      const app = new EditorPage(page);
      await app.open('/');
      // Add: from the palette (a drawer on narrow screens, closed again by the add).
      for (const kind of ['Users', 'WebServers']) {
        await openDrawer(page, 'palette');
        await app.palette.locator(`[data-testid=palette-item][data-kind=${kind}]`).tap();
        await expect(app.card(kind)).toHaveCount(1);
      }
      if (size.name !== 'desktop') await expect(app.palette).toBeHidden();
      // A finger drags a cache sideways out of the palette (up or down would scroll the
      // list), then on to its place on the canvas (a drawer slides away as the drag starts).
      await openDrawer(page, 'palette');
      const cacheItem = app.palette.locator('[data-testid=palette-item][data-kind=Cache]');
      await cacheItem.scrollIntoViewIfNeeded();
      const itemBox = await cacheItem.boundingBox();
      const area = await app.canvas.boundingBox();
      const hold = [itemBox.x + 40, itemBox.y + itemBox.height / 2];
      await fingerDrag(
        page,
        hold,
        [area.x + area.width * 0.3, area.y + area.height * 0.12],
        10,
        [hold[0] + 60, hold[1]],
      );
      await expect(app.card('Cache')).toHaveCount(1);
      if (size.name !== 'desktop') await expect(app.palette).toBeHidden();
      await expectAllInView(page, 'touch-added');

      // Move: a one-finger drag of the web servers' card.
      const web = app.card('WebServers');
      const canvasBox = await app.canvas.boundingBox();
      const before = await web.locator('.card-body').boundingBox();
      const grab = [before.x - canvasBox.x + before.width / 2, before.y - canvasBox.y + before.height / 2];
      const drop = [Math.min(grab[0] + 60, canvasBox.width - 40), grab[1] + 70];
      await app.touch('pointerdown', [[11, ...grab]]);
      for (let i = 1; i <= 6; i++) {
        await app.touch('pointermove', [[11, grab[0] + ((drop[0] - grab[0]) * i) / 6, grab[1] + ((drop[1] - grab[1]) * i) / 6]]);
      }
      await app.touch('pointerup', [[11, ...drop]]);
      const after = await web.locator('.card-body').boundingBox();
      expect(after.y - before.y).toBeGreaterThan(40);

      // Wire: tap the users' output port, then tap the web servers' card.
      await expect(page.getByTestId('wire')).toHaveCount(0);
      await tapCentre(page, app.card('Users').locator('[data-testid=port-out] circle').first());
      await expect(page.getByTestId('wire-status')).not.toBeEmpty();
      await tapCentre(page, web.locator('.card-body'));
      await expect(page.getByTestId('wire')).toHaveCount(1);

      // Pinch: two fingers spread apart zoom in.
      const zoomBefore = await page.getByTestId('zoom-level').textContent();
      const mid = [canvasBox.width / 2, canvasBox.height / 2];
      await app.touch('pointerdown', [[21, mid[0] - 40, mid[1]], [22, mid[0] + 40, mid[1]]]);
      await app.touch('pointermove', [[21, mid[0] - 70, mid[1]], [22, mid[0] + 70, mid[1]]]);
      await app.touch('pointerup', [[21, mid[0] - 70, mid[1]], [22, mid[0] + 70, mid[1]]]);
      await expect(page.getByTestId('zoom-level')).not.toHaveText(zoomBefore);
      // Two fingers moved together pan: the card follows them.
      const panBefore = await web.locator('.card-body').boundingBox();
      await app.touch('pointerdown', [[23, mid[0] - 40, mid[1]], [24, mid[0] + 40, mid[1]]]);
      await app.touch('pointermove', [[23, mid[0] - 40, mid[1] - 30], [24, mid[0] + 40, mid[1] - 30]]);
      await app.touch('pointerup', [[23, mid[0] - 40, mid[1] - 30], [24, mid[0] + 40, mid[1] - 30]]);
      const panAfter = await web.locator('.card-body').boundingBox();
      expect(panAfter.y - panBefore.y).toBeLessThan(-20);
      await page.getByTestId('editor.fit_to_view').tap();

      // Inspect: tap the card, open the inspector (a sheet on a phone), change a setting.
      await tapCentre(page, web.locator('.card-body'));
      await expect(web).toHaveAttribute('aria-pressed', 'true');
      await openDrawer(page, 'inspector');
      const form = page.getByTestId('inspector-component');
      await expect(form).toHaveAttribute('data-kind', 'WebServers');
      await expect(form).toBeInViewport();
      await page.screenshot({ path: `${shots}touch-inspector-${page.viewportSize().width}.png` });
      await closeDrawer(page, 'inspector');

      // Run: the panel opens by itself, but on a phone, where it would take most of the
      // canvas's room, only when asked; the run controls are not covered.
      const run = new RunPanel(page);
      await expect(page.getByTestId('run-toggle')).toBeInViewport();
      await page.getByTestId('run-toggle').tap();
      await run.waitForSimTime(3);
      if (size.name === 'phone') {
        await expect(page.getByTestId('run-expand')).toHaveAttribute('aria-expanded', 'false');
        await page.getByTestId('run-expand').tap();
      }
      await expect(page.getByTestId('run-expand')).toHaveAttribute('aria-expanded', 'true');
      await expectAllInView(page, 'touch-running');

      // Fail: the selected card's fault button in the inspector's live section.
      await openDrawer(page, 'inspector');
      await page.getByTestId('inspector-fault-fail').tap();
      await closeDrawer(page, 'inspector');
      await expect(page.locator('.run-badge.down')).toHaveCount(1);
      await run.waitForSimTime(6);
      await page.screenshot({ path: `${shots}touch-failed-${page.viewportSize().width}.png` });
      await page.getByTestId('run-toggle').tap();

      // Share: the dialog fits the screen.
      await page.getByTestId('share').tap();
      const dialog = page.getByTestId('share-dialog');
      await expect(page.getByTestId('share-url')).toHaveValue(/#v1=/);
      await expect(dialog).toBeInViewport({ ratio: 1 });
      expect((await layoutFacts(page)).sideways).toBe(false);
      await page.screenshot({ path: `${shots}touch-share-${page.viewportSize().width}.png` });
      app.expectNoConsoleErrors();
    });
  });
}

test.describe('a lesson on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('its cards are named at the zoom it opens at, and its setting link opens the inspector at the field', async ({ page }) => {
    const app = new EditorPage(page);
    await app.open('/#lesson=1');
    await expect(page.getByTestId('lesson-panel')).toBeVisible();
    // The cost the lessons point to ("the cost badge in the header") is on screen, not
    // scrolled away at the end of the header's second row.
    await expect(page.getByTestId('cost-badge')).toBeInViewport({ ratio: 1 });
    // Zoomed far out, each card shows its label alone, readable and inside the card.
    const cards = app.canvas.getByTestId('component-card');
    const n = await cards.count();
    expect(n).toBeGreaterThan(2);
    for (let i = 0; i < n; i += 1) {
      const card = cards.nth(i);
      const label = card.getByTestId('far-label');
      await expect(label).toBeVisible();
      const [text, body] = await Promise.all([label.boundingBox(), card.locator('.card-body').boundingBox()]);
      const lines = (await label.locator('tspan').allTextContents()).filter((l) => l !== '').length;
      expect(text.height / lines, 'a line at least 11 px tall on screen').toBeGreaterThanOrEqual(11);
      expect(text.x).toBeGreaterThanOrEqual(body.x);
      expect(text.x + text.width).toBeLessThanOrEqual(body.x + body.width);
      expect(text.y).toBeGreaterThanOrEqual(body.y);
      expect(text.y + text.height).toBeLessThanOrEqual(body.y + body.height);
    }
    await expect(app.cardLabelled('Web servers').getByTestId('far-label')).toHaveText(/Web\s*servers/);
    // The run, as fast as it goes, until the step naming the setting speaks; the run panel
    // stays folded, leaving the lesson its room.
    const run = new RunPanel(page);
    await run.setSpeed('max');
    await page.getByTestId('run-toggle').tap();
    await page.getByTestId('lesson-setting').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('run-expand')).toHaveAttribute('aria-expanded', 'false');
    // The step's advice fills the panel, its objectives under the fold: the marks in its
    // header show them.
    const objectives = page.getByTestId('objectives');
    await expect(objectives).not.toBeInViewport({ ratio: 0.9 });
    const tally = page.getByTestId('objective-tally');
    const target = await tally.boundingBox();
    expect(target.height).toBeGreaterThanOrEqual(40);
    await tally.tap();
    await expect(objectives).toBeInViewport({ ratio: 0.9 });
    await page.screenshot({ path: `${shots}lesson-objectives-390.png` });
    await page.getByTestId('lesson-setting').scrollIntoViewIfNeeded();
    await page.getByTestId('lesson-setting').tap();
    const field = page.getByTestId('field-instance_size');
    await expect(field).toBeFocused();
    await expect(field).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('close-inspector')).toBeInViewport();
    await page.screenshot({ path: `${shots}lesson-setting-390.png` });
    app.expectNoConsoleErrors();
  });
});

test.describe('the palette and wiring by finger on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a swipe up the palette scrolls it, a sideways drag adds the card, and a pan keeps a wire aimed', async ({ page }) => {
    const app = new EditorPage(page);
    await app.open('/');
    await openDrawer(page, 'palette');
    const palette = page.getByTestId('palette');
    const cache = palette.locator('[data-testid=palette-item][data-kind=Cache]');
    const box = await cache.boundingBox();
    const from = [box.x + box.width / 2, box.y + box.height / 2];
    // A stray `touch-action: none` made this add a card: the list must scroll instead.
    await fingerDrag(page, from, [from[0] + 3, from[1] - 300], 15);
    await expect.poll(() => palette.evaluate((p) => p.scrollTop)).toBeGreaterThan(100);
    await expect(app.canvas.getByTestId('component-card')).toHaveCount(0);
    await expect(palette).toBeInViewport({ ratio: 0.9 });
    const users = palette.locator('[data-testid=palette-item][data-kind=Users]');
    await users.scrollIntoViewIfNeeded();
    const u = await users.boundingBox();
    await fingerDrag(page, [u.x + 40, u.y + u.height / 2], [u.x + 200, u.y + u.height / 2 + 10], 15);
    await expect(app.canvas.getByTestId('component-card')).toHaveCount(1);
    await expect(page.getByTestId('open-palette')).toHaveAttribute('aria-expanded', 'false');
    // Chromium turns a tap into no click when it lands within about 0.1 s of the drag's end
    // (faster than any finger): tap again until the drawer opens.
    await expect(() => openDrawer(page, 'palette')).toPass();
    await palette.locator('[data-testid=palette-item][data-kind=LoadBalancer]').tap();
    await expect(app.canvas.getByTestId('component-card')).toHaveCount(2);
    // Tap the users' output port: the wire is aimed. A finger panning the view keeps it aimed.
    const port = app.cardLabelled('Users').locator('[data-testid=port-out] circle').first();
    await tapCentre(page, port);
    const status = page.getByTestId('wire-status');
    await expect(status).toContainText('Tap a card');
    const canvasBox = await app.canvas.boundingBox();
    const empty = [canvasBox.x + 30, canvasBox.y + canvasBox.height - 40];
    await fingerDrag(page, empty, [empty[0] + 80, empty[1] - 60], 10);
    await expect(status).toContainText('Tap a card');
    await expect(page.getByTestId('ghost-wire')).toHaveCount(1);
    app.expectNoConsoleErrors();
  });
});

test.describe('a long press on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a finger held still on a card opens its menu, as Safari sends no contextmenu; a tap does not', async ({ page }) => {
    const app = new EditorPage(page);
    await app.open('/');
    await app.importFile(chapterFinal);
    const card = page.locator('[data-testid=component-card][data-kind=Cdn]');
    const box = await card.locator('.card-body').boundingBox();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const menu = page.getByTestId('context-menu');
    // A tap selects, and opens nothing.
    await page.touchscreen.tap(x, y);
    await expect(card).toHaveAttribute('aria-pressed', 'true');
    await page.waitForTimeout(800);
    await expect(menu).toHaveCount(0);
    // Held: the menu opens while the finger is still down, and stays once it lifts.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }] });
    await expect(menu).toBeVisible();
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(300);
    await expect(menu).toBeVisible();
    await expect(menu).toContainText('Delete');
    await cdp.detach();
    app.expectNoConsoleErrors();
  });
});

test.describe('the header on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('its row of actions, wider than the screen, points with a chevron to what is scrolled out of sight', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('gallery-close').tap();
    const cue = (side) =>
      page.evaluate((side) => {
        const row = document.querySelector('.header-actions');
        const s = getComputedStyle(row, side);
        return { content: s.content, opacity: Number(s.opacity), overflows: row.scrollWidth > row.clientWidth };
      }, side);
    // At the start: more to the right, nothing to the left.
    await expect.poll(async () => (await cue('::after')).opacity).toBeGreaterThan(0.5);
    expect(await cue('::after')).toMatchObject({ content: '"›"', overflows: true });
    expect((await cue('::before')).opacity).toBeLessThan(0.1);
    // Scrolled to the end: the other way round.
    await page.evaluate(() => {
      const row = document.querySelector('.header-actions');
      row.scrollLeft = row.scrollWidth;
    });
    await expect.poll(async () => (await cue('::before')).opacity).toBeGreaterThan(0.5);
    expect((await cue('::before')).content).toBe('"‹"');
    await expect.poll(async () => (await cue('::after')).opacity).toBeLessThan(0.1);
  });
});
