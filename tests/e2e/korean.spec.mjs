// ScaleLab in Korean: a first visit from a Korean browser is in Korean, and on every screen a
// learner meets (palette, every kind's inspector, a run of the chapter-final architecture with a
// datacenter failure, the design review, the share dialog, a damaged link's banner, the
// shortcuts help) no run of Latin letters shows but the terms a Korean engineer writes in Latin
// (tests/latin-allowed.txt) and the labels the diagram's author typed. Switching languages keeps
// the diagram, the undo history and a running simulation. Screenshots land in
// test-results/korean/ at 1440x900 and 390x844.
import { test, expect } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EditorPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const fixturePath = fileURLToPath(new URL('../fixtures/chapter_final.json', import.meta.url));
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
const allowed = readFileSync(fileURLToPath(new URL('../latin-allowed.txt', import.meta.url)), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
// What the file's author typed stays as typed: its labels and datacenter names, and the file's
// own name in the import banner.
const typed = [
  ...fixture.components.map((c) => c.label),
  ...(fixture.groups ?? []).map((g) => g.name),
  'chapter_final.json',
  // A sharded database's default sharding key: a column name, data as the notes write it
  // (`user_id % 4`).
  'user_id',
].sort((a, b) => b.length - a.length);
const shots = fileURLToPath(new URL('../../test-results/korean/', import.meta.url));
mkdirSync(shots, { recursive: true });

test.use({ locale: 'ko-KR' });

/** Every piece of text a person can see or hear: rendered text nodes (HTML and SVG), and the
 * accessible names, titles and placeholders of rendered elements. */
async function visibleText(page) {
  return page.evaluate(() => {
    const out = [];
    const shown = (el) => el && (!el.checkVisibility || el.checkVisibility());
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
      // Zoomed far out a card writes its label on up to two lines: what it says is the label.
      const far = parent.closest('[data-testid=far-label]');
      if (far) {
        if (shown(far) && node === far.querySelector('tspan')?.firstChild) {
          out.push(far.closest('[data-testid=component-card]').querySelector('title').textContent);
        }
        continue;
      }
      if (parent.tagName === 'OPTION') {
        // A closed select shows its chosen option only.
        const select = parent.closest('select');
        if (!select || select.value !== parent.value || !shown(select)) continue;
      } else if (!shown(parent)) continue;
      if (node.textContent.trim()) out.push(node.textContent);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!shown(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    out.push(document.title);
    return out;
  });
}

/** The runs of Latin letters on screen that neither the allowlist nor the author's labels
 * explain; the language picker's own name for English is the one Latin word it must show. */
async function foreignWords(page, authored = typed) {
  const words = new Set();
  for (let text of await visibleText(page)) {
    if (text === 'English') continue;
    for (const label of authored) text = text.split(label).join(' ');
    // A card cuts a long label short with an ellipsis, keeping a copy's number or datacenter:
    // "Load balancer…", "Load balanc… 2".
    const cut = text.trim();
    const at = cut.indexOf('…');
    if (at >= 0 && authored.some((l) => l.startsWith(cut.slice(0, at)) && l.endsWith(cut.slice(at + 1)))) continue;
    // A card in a datacenter may leave out the datacenter's name its frame shows:
    // "Load balancer" for "Load balancer (DC1)".
    if (authored.some((l) => l.startsWith(`${cut} (`))) continue;
    for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9]*/g)) {
      const w = m[0];
      if ((w.match(/[A-Za-z]/g) ?? []).length < 2 || allowed.includes(w)) continue;
      words.add(w);
    }
  }
  return [...words];
}

/** Text cut off by its box: an element that clips its overflow without an ellipsis and whose
 * text is wider than it. */
async function clippedText(page) {
  return page.evaluate(() => {
    const out = [];
    const selector = 'button, label, h1, h2, h3, th, td, select, p, span, li, dt, dd, kbd, a';
    for (const el of document.querySelectorAll(selector)) {
      if (!el.checkVisibility()) continue;
      const cs = getComputedStyle(el);
      if (cs.overflowX === 'visible' || cs.textOverflow === 'ellipsis') continue;
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        out.push(`${el.tagName} "${el.textContent.trim().slice(0, 40)}"`);
      }
    }
    return out;
  });
}

async function expectKorean(page, screen) {
  expect(await foreignWords(page), `Latin words on the ${screen} screen`).toEqual([]);
  expect(await clippedText(page), `text cut off on the ${screen} screen`).toEqual([]);
  await page.screenshot({ path: `${shots}${screen}-${page.viewportSize().width}.png` });
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`every screen reads in Korean at ${size.width}x${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    const app = new EditorPage(page);
    await app.open('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByTestId('language')).toHaveValue('ko');
    await expectKorean(page, 'empty');

    // The shortcuts help.
    await page.getByTestId('shortcuts-button').click();
    await expect(page.getByTestId('shortcuts-overlay')).toBeVisible();
    await expectKorean(page, 'shortcuts');
    await page.keyboard.press('Escape');

    // Every kind from the palette (new cards are labelled in Korean), each inspector open.
    const kinds = await app.palette
      .locator('[data-testid=palette-item]')
      .evaluateAll((items) => items.map((i) => i.dataset.kind));
    expect(kinds.length).toBeGreaterThanOrEqual(13);
    for (const kind of kinds) {
      const item = app.palette.locator(`[data-testid=palette-item][data-kind=${kind}]`);
      // On a phone the palette and the inspector are drawers, opened from the header.
      const drawers = await page.getByTestId('open-palette').isVisible();
      if (drawers) await page.getByTestId('open-palette').click();
      await item.scrollIntoViewIfNeeded();
      await item.click();
      // A card added from the palette is selected: its inspector is open.
      await expect(app.card(kind)).toHaveCount(1);
      await expect(app.card(kind)).toHaveAttribute('aria-pressed', 'true');
      const sheet = await page.getByTestId('open-inspector').isVisible();
      if (sheet) await page.getByTestId('open-inspector').click();
      await expect(page.getByTestId('inspector-component')).toBeVisible();
      expect(await foreignWords(page), `Latin words in the ${kind} inspector`).toEqual([]);
      if (sheet) await page.getByTestId('close-inspector').click();
    }
    await expectKorean(page, 'every-kind');

    // The design review of that diagram (nothing selected: the inspector lists findings).
    await page.keyboard.press('Escape');
    await expectKorean(page, 'review');

    // The chapter-final architecture: run it, fail a datacenter.
    await app.importFile(fixturePath);
    await expectKorean(page, 'imported');
    const run = new RunPanel(page);
    await page.getByTestId('run-toggle').click();
    await run.waitForSimTime(5);
    // A running simulation opens the run panel by itself, but on a phone, only when asked.
    if (page.viewportSize().width <= 640) await page.getByTestId('run-expand').click();
    await expect(page.getByTestId('run-expand')).toHaveAttribute('aria-expanded', 'true');
    const dc = app.canvas.getByTestId('datacenter').first();
    const menu = await app.openContextMenu(dc.locator('.datacenter-title'));
    await menu.getByTestId('menu-fault-fail').click();
    await run.waitForSimTime(12);
    await expectKorean(page, 'run-failed-datacenter');
    await page.getByTestId('run-toggle').click();

    // The share dialog.
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-url')).toBeVisible();
    await expectKorean(page, 'share');
    await page.getByTestId('share-close').click();

    // A damaged link's banner.
    await app.open('/#v1=@@not-a-link');
    await expect(app.banner).toBeVisible();
    await expectKorean(page, 'damaged-link');
    app.expectNoConsoleErrors();
  });
}

test('the examples open from the gallery named in Korean, each component once', async ({ page }) => {
  // Nobody typed these labels: the app did, so they are in the screen's language. Components
  // alike are told apart by their datacenter or their region, so the review's findings, the
  // inspector and the log never name two of them the same.
  await page.goto('/');
  for (const example of ['free-single-server', 'free-chapter-final']) {
    const gallery = page.getByTestId('gallery');
    if (!(await gallery.isVisible())) await page.getByTestId('lessons-open').click();
    await page.getByTestId(example).click();
    await expect(gallery).toHaveCount(0);
    const cards = page.getByTestId('component-card');
    await expect(cards.first()).toBeVisible();
    const names = await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')));
    expect(new Set(names).size, names.join(', ')).toBe(names.length);
    // The sharding key is a column's name: data, not words (`user_id % 4` in the notes).
    expect(await foreignWords(page, ['user_id']), `Latin words in ${example}`).toEqual([]);
    await expectDistinctFindings(page);
    await page.screenshot({ path: `${shots}${example}-${page.viewportSize().width}.png` });
  }
  // So are a lesson's: two datacenters, a web tier and a database in each.
  await page.goto('about:blank');
  await page.goto('/#lesson=8');
  await expect(page.getByTestId('lesson-title')).toHaveText(/^8\. /);
  await expect(page.getByTestId('diagnostic').first()).toBeVisible();
  await expectDistinctFindings(page);
  expect(await foreignWords(page, []), 'Latin words in lesson 8').toEqual([]);
  await page.screenshot({ path: `${shots}lesson-8-${page.viewportSize().width}.png` });
});

/** No two of the design review's findings read the same. */
async function expectDistinctFindings(page) {
  const findings = await page.getByTestId('diagnostic').allInnerTexts();
  expect(new Set(findings).size, findings.join(' / ')).toBe(findings.length);
}

test('switching languages keeps the diagram, the undo history and a running simulation', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open('/');
  await app.importFile(fixturePath);
  const cards = await app.cards().count();
  const run = new RunPanel(page);
  await page.getByTestId('run-toggle').click();
  await run.waitForSimTime(2);
  for (const lang of ['en', 'ko', 'en', 'ko']) {
    const before = await run.simTime();
    await page.getByTestId('language').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    expect(await clippedText(page), `text cut off in ${lang}`).toEqual([]);
    // Still running: simulated time moves on after the switch.
    await expect.poll(() => run.simTime()).toBeGreaterThan(before);
    await expect(app.cards()).toHaveCount(cards);
  }
  await page.getByTestId('run-toggle').click();
  // An edit made in one language is undone and redone in the other.
  await app.palette.locator('[data-testid=palette-item][data-kind=Cache]').click();
  await expect(app.cards()).toHaveCount(cards + 1);
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('editor.undo').click();
  await expect(app.cards()).toHaveCount(cards);
  await page.getByTestId('language').selectOption('ko');
  await page.getByTestId('editor.redo').click();
  await expect(app.cards()).toHaveCount(cards + 1);
  // The choice is remembered.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.getByTestId('language').selectOption('en');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  app.expectNoConsoleErrors();
});
