// Page object for the run panel (ui/run): controls, figures exposed as data attributes, charts.
import { expect } from '@playwright/test';

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

  async pause() {
    await this.page.getByTestId('run-toggle').click();
    await expect(this.page.getByTestId('run-toggle')).toHaveText('Run');
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

  /** The legend values of a chart: { name: number }. */
  async legend(testid) {
    const items = this.page.getByTestId(testid).locator('.run-legend-item:not(.run-legend-theory)');
    const out = {};
    for (const item of await items.all()) {
      const name = await item.locator('.run-legend-name').textContent();
      const value = await item.locator('.run-legend-value').textContent();
      out[name] = parseFloat(value);
    }
    return out;
  }

  /** The theory sentences of a chart. */
  async theory(testid) {
    return this.page.getByTestId(testid).getByTestId('theory').allTextContents();
  }

  log() {
    return this.page.getByTestId('event-log');
  }
}
