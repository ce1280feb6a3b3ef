// Page object for the run panel (ui/run): controls, figures exposed as data attributes, charts.
import { expect } from '@playwright/test';

/**
 * A legend's value in its chart's unit: "1.5k req/s" is 1500, and on a chart in milliseconds a
 * latency of a second or more, written in seconds ("9.10 s"), is 9100.
 */
export function legendNumber(text) {
  const m = text.trim().match(/^(-?[\d.,]+)\s*([kM]?)\s*(ms|s)?\b/);
  if (!m) return NaN;
  let v = parseFloat(m[1].replace(/,/g, ''));
  if (m[2] === 'k') v *= 1e3;
  if (m[2] === 'M') v *= 1e6;
  if (m[3] === 's') v *= 1e3;
  return v;
}

export class RunPanel {
  constructor(page) {
    this.page = page;
    this.panel = page.getByTestId('metrics');
  }

  async figure(name) {
    return Number(await this.panel.getAttribute(`data-${name}`));
  }

  async simTime() {
    return this.figure('sim-time');
  }

  async setSpeed(value) {
    await this.page.getByTestId('run-speed').selectOption(value);
  }

  async run() {
    await expect(this.page.getByTestId('run-toggle')).toHaveText('Run');
    await this.page.getByTestId('run-toggle').click();
    await expect(this.page.getByTestId('run-toggle')).toHaveText('Pause');
  }

  /**
   * Pauses and waits for the run to stand still. The button turns at the click; a run in the
   * worker answers with the snapshot of where it stopped, in a frame of its own that can carry
   * the last samples too, so the figures and charts may still move once after the click.
   */
  async pause() {
    await this.page.getByTestId('run-toggle').click();
    await expect(this.page.getByTestId('run-toggle')).toHaveText('Run');
    let last = await this.simTime();
    await expect
      .poll(async () => {
        const before = last;
        await this.page.waitForTimeout(250);
        last = await this.simTime();
        return last === before;
      }, { message: 'the run standing still after the pause' })
      .toBe(true);
  }

  /** Waits until simulated time reaches `seconds`. */
  async waitForSimTime(seconds, timeout = 60_000) {
    await expect
      .poll(() => this.simTime(), { timeout, message: `simulated time reaching ${seconds} s` })
      .toBeGreaterThanOrEqual(seconds);
  }

  /** Injects a fault on the target whose menu label is `label`. */
  async fault(label, action) {
    await this.page.getByTestId('fault-target').selectOption({ label });
    await this.page.getByTestId(`fault-${action}`).click();
  }

  /** Adds a fault to the scenario's timeline: `action` on the target labelled `label` at `at` s. */
  async schedule(label, action, at) {
    await this.page.getByTestId('fault-target').selectOption({ label });
    await this.page.getByTestId('schedule-action').selectOption(action);
    await this.page.getByTestId('schedule-at').fill(String(at));
    await this.page.getByTestId('schedule-add').click();
  }

  /**
   * Scrolls a chart into view, as a user does to read it, and waits for it to be drawn: a chart
   * out of view keeps what it last drew and catches up in the frame it comes into view
   * (ui/in_view.rs).
   */
  async show(testid) {
    await this.page.getByTestId(testid).first().scrollIntoViewIfNeeded();
    await this.page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
  }

  /** The legend values of a chart: { name: number }. */
  async legend(testid) {
    await this.show(testid);
    const items = this.page.getByTestId(testid).locator('.run-legend-item:not(.run-legend-theory):not(.run-legend-fault)');
    const out = {};
    for (const item of await items.all()) {
      const name = await item.locator('.run-legend-name').textContent();
      const value = await item.locator('.run-legend-value').textContent();
      out[name] = legendNumber(value);
    }
    return out;
  }

  /**
   * The legend values of a chart while hovering `fraction` (0 to 1) of the way along its plot
   * area: { name: { value, time } }, time in simulated seconds.
   */
  async legendAt(testid, fraction) {
    await this.show(testid);
    const svg = this.page.getByTestId(testid).locator('svg');
    const box = await svg.boundingBox();
    // The plot area spans 38 to 292 of the chart's 300 user units (ui/run/charts.rs).
    const x = box.width * ((38 + fraction * 254) / 300);
    await svg.hover({ position: { x, y: box.height / 2 } });
    const items = this.page.getByTestId(testid).locator('.run-legend-item:not(.run-legend-theory):not(.run-legend-fault)');
    const out = {};
    for (const item of await items.all()) {
      const name = await item.locator('.run-legend-name').textContent();
      const text = await item.locator('.run-legend-value').textContent();
      const at = text.match(/at ([\d.]+) s/);
      out[name] = { value: legendNumber(text.replace(/ at [\d.]+ s$/, '')), time: at ? parseFloat(at[1]) : null };
    }
    await this.page.mouse.move(0, 0);
    return out;
  }

  /** The times (simulated seconds) of the fault marks a chart draws, in order. */
  async faultMarks(testid) {
    await this.show(testid);
    return this.page.getByTestId(testid).getByTestId('fault-mark')
      .evaluateAll((marks) => marks.map((m) => Number(m.getAttribute('data-time'))));
  }

  /**
   * Points just beside a chart's fault mark nearest `time` (simulated seconds) and returns what
   * the legend then says of the faults there; the pointer stays, so a caller can look.
   */
  async faultNotesNear(testid, time) {
    await this.show(testid);
    const chart = this.page.getByTestId(testid);
    const x1 = await chart.getByTestId('fault-mark').evaluateAll((marks, time) => {
      const near = marks.reduce((best, m) =>
        Math.abs(Number(m.getAttribute('data-time')) - time) < Math.abs(Number(best.getAttribute('data-time')) - time) ? m : best);
      return Number(near.getAttribute('x1'));
    }, time);
    const svg = chart.locator('svg');
    const box = await svg.boundingBox();
    // One chart unit (of 300 across) to the right of the mark: near enough to word it.
    await svg.hover({ position: { x: box.width * ((x1 + 1) / 300), y: box.height / 2 } });
    return chart.getByTestId('fault-mark-note').allTextContents();
  }

  /** The traffic profile controls and their preview. */
  profile() {
    const page = this.page;
    const preview = page.getByTestId('traffic-preview');
    return {
      kind: page.getByTestId('profile-kind'),
      field: (key) => page.getByTestId(`profile-${key}`),
      runLength: page.getByTestId('run-length'),
      error: page.getByTestId('profile-error'),
      preview,
      caption: page.getByTestId('traffic-preview-caption'),
      /** Sets a field as a person does: type, then leave it. */
      async set(key, value) {
        const input = key === 'run-length' ? page.getByTestId('run-length') : page.getByTestId(`profile-${key}`);
        await input.fill(String(value));
        await input.blur();
      },
      async rates() {
        const get = async (name) => Number(await preview.getAttribute(`data-${name}-rps`));
        return { start: await get('start'), end: await get('end'), peak: await get('peak') };
      },
    };
  }

  /** The theory sentences of a chart. */
  async theory(testid) {
    await this.show(testid);
    return this.page.getByTestId(testid).getByTestId('theory').allTextContents();
  }

  log() {
    return this.page.getByTestId('event-log');
  }
}
