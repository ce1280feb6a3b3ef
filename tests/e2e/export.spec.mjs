// Exports (ui/export.rs): run a diagram a few seconds, export it as SVG, PNG and CSV from the
// header's export menu, and read the downloads: the SVG parses and holds the cards on screen,
// the PNG is a PNG of the picture's size with something drawn on it, the CSV has the charts'
// samples and figures, and words each fault the run applied in the row its mark falls in.
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppPage } from './app-page.mjs';
import { RunPanel } from './run-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '..', 'fixtures', 'single_server.json');

/** Chooses `format` in the export menu and returns the download's name and bytes. */
async function exportAs(page, format, { figures } = {}) {
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-menu')).toBeVisible();
  if (figures !== undefined) {
    await page.getByTestId('export-figures').setChecked(figures);
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`export-${format}`).click(),
  ]);
  expect(await download.failure()).toBeNull();
  const bytes = await fs.readFile(await download.path());
  await expect(page.getByTestId('export-menu')).toHaveCount(0);
  return { name: download.suggestedFilename(), bytes };
}

/** What the browser reads in an SVG file: null if it does not parse. */
function readSvg(page, text) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return null;
    const root = doc.documentElement;
    return {
      root: root.localName,
      viewBox: root.getAttribute('viewBox'),
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent.trim()),
      labels: [...doc.querySelectorAll('.card-label')].map((t) => t.textContent),
      cards: doc.querySelectorAll('[data-testid="component-card"]').length,
      badges: doc.querySelectorAll('.run-badge').length,
      grid: doc.querySelectorAll('rect.grid, pattern').length,
    };
  }, text);
}

/** Opens the PNG in the page: its size and how many distinct colours a sample of it holds. */
function readPng(page, bytes) {
  return page.evaluate(async (data) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(data)], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const colours = new Set();
    for (let i = 0; i < pixels.length; i += 4 * 97) {
      colours.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]},${pixels[i + 3]}`);
    }
    return { width: bitmap.width, height: bitmap.height, colours: colours.size };
  }, [...bytes]);
}

test('the diagram exports as SVG and PNG and the run as CSV', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fixture);
  // The card labels as drawn (a long one is shortened to fit its card).
  const labels = await page.locator('.card-label').allTextContents();
  expect(labels).toContain('Database');
  const cards = await page.getByTestId('component-card').count();

  // Before a run there are no figures to export.
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-csv')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-menu')).toHaveCount(0);

  const run = new RunPanel(page);
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(4);
  await run.pause();

  // SVG, with the live figures: the whole diagram, named after its Users card.
  const svg = await exportAs(page, 'svg', { figures: true });
  expect(svg.name, 'named after the file the design was opened from').toBe('single-server.svg');
  const text = svg.bytes.toString('utf8');
  expect(text.startsWith('<?xml')).toBe(true);
  expect(text, 'styles arrive resolved, not as variables').not.toContain('var(--');
  const read = await readSvg(page, text);
  expect(read, 'the SVG parses').not.toBeNull();
  expect(read.root).toBe('svg');
  expect(read.viewBox).toMatch(/^-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+$/);
  expect(read.cards).toBe(cards);
  expect(read.labels).toEqual(labels);
  expect(read.texts).toContain('Database');
  expect(read.badges, 'the live figures').toBeGreaterThan(0);
  expect(read.grid, 'no grid behind the picture').toBe(0);

  // Without the live figures.
  const bare = await readSvg(page, (await exportAs(page, 'svg', { figures: false })).bytes.toString('utf8'));
  expect(bare.cards).toBe(cards);
  expect(bare.badges).toBe(0);

  // PNG: the signature, a size twice the picture's, and a drawing on it (not one flat colour).
  const png = await exportAs(page, 'png', { figures: true });
  expect(png.name).toBe('single-server.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  expect(Math.abs(width - 2 * read.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(height - 2 * read.height)).toBeLessThanOrEqual(2);
  const opened = await readPng(page, png.bytes);
  expect(opened.width).toBe(width);
  expect(opened.colours, 'something is drawn').toBeGreaterThan(3);

  // CSV: one row per sample the charts hold, the figures their legends show.
  const csv = await exportAs(page, 'csv');
  expect(csv.name).toBe('single-server.csv');
  const rows = csv.bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((r) => r.split(','));
  const header = rows[0];
  expect(header[0]).toBe('Simulated time (s)');
  expect(header[1]).toBe('Completed (req/s)');
  expect(header).toContain('p99 latency (ms)');
  const line = await page
    .getByTestId('chart-throughput')
    .locator('path.run-line')
    .first()
    .getAttribute('d');
  // A point per sample: the line's moves and segments (throughput has no gaps).
  const samples = line.match(/[ML]/g).length;
  expect(rows.length - 1).toBe(samples);
  const last = rows[rows.length - 1];
  // Simulated seconds first, at the history's fixed sampling interval.
  const times = rows.slice(1).map((r) => Number(r[0]));
  expect(times[0]).toBe(0);
  const step = times[1] - times[0];
  expect(step).toBeGreaterThan(0);
  times.forEach((t, i) => expect(Math.abs(t - i * step)).toBeLessThan(1e-6));
  expect(Number(last[0])).toBeGreaterThan(3);
  const throughput = await run.legend('chart-throughput');
  const completed = Object.entries(throughput)[0][1];
  expect(Math.abs(Number(last[1]) - completed)).toBeLessThanOrEqual(Math.max(1, completed * 0.01));
  const latency = await run.legend('chart-latency');
  const p99 = Number(last[header.indexOf('p99 latency (ms)')]);
  expect(Math.abs(p99 - latency.p99)).toBeLessThanOrEqual(Math.max(0.1, latency.p99 * 0.01));
  for (const row of rows.slice(1)) {
    expect(row.length).toBe(header.length);
    expect(row[0]).toMatch(/^\d+(\.\d+)?$/);
  }

  // The header follows the screen's language; the numbers do not.
  await page.getByTestId('language').selectOption('ko');
  const korean = (await exportAs(page, 'csv')).bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(korean[0].split(',')[0]).toBe('시뮬레이션 시간 (초)');
  expect(korean.slice(1)).toEqual(rows.slice(1).map((r) => r.join(',')));
  app.expectNoConsoleErrors();
});

test('the CSV words each fault the run applied in the row of the sample that follows it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fixture);
  await page.getByTestId('run-expand').click();
  const run = new RunPanel(page);
  await run.schedule('Web server', 'fail', 2);
  await run.setSpeed('10');
  await run.run();
  await run.waitForSimTime(3);
  await run.fault('Web server', 'restore');
  await run.waitForSimTime((await run.simTime()) + 1);
  await run.pause();
  const [, restoredAt] = await run.faultMarks('chart-throughput');
  const rows = (await exportAs(page, 'csv')).bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(rows[0].split(',').at(-1)).toBe('Faults');
  const worded = rows.slice(1).map((r) => [Number(r.split(',')[0]), r.split(',').at(-1)]).filter(([, f]) => f !== '');
  expect(worded).toHaveLength(2);
  // Each in the first row at or after its time, within one sampling interval of it.
  const step = Number(rows[2].split(',')[0]) - Number(rows[1].split(',')[0]);
  expect(worded[0][1]).toBe('2 s: Fail Web server');
  expect(worded[0][0]).toBeGreaterThanOrEqual(2);
  expect(worded[0][0]).toBeLessThan(2 + step + 1e-9);
  expect(worded[1][1]).toBe(`${Math.round(restoredAt)} s: Restore Web server`);
  expect(worded[1][0]).toBeGreaterThanOrEqual(restoredAt);
  expect(worded[1][0]).toBeLessThan(restoredAt + step + 1e-9);
  app.expectNoConsoleErrors();
});
