// Page object for the ScaleLab app: locators by data-testid and a console-error guard.
import { expect } from '@playwright/test';

export class AppPage {
  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.errors.push(msg.text());
    });
    page.on('pageerror', (err) => this.errors.push(String(err)));
    this.palette = page.getByTestId('palette');
    this.canvas = page.getByTestId('canvas');
    this.inspector = page.getByTestId('inspector');
    this.metrics = page.getByTestId('metrics');
    this.banner = page.getByTestId('banner');
  }

  /** Imports a diagram file through the toolbar's Import button. */
  async importFile(path) {
    await this.page.getByTestId('import-file').setInputFiles(path);
  }

  /** The autosaved diagram (share JSON) once the debounced save has written it. */
  async autosave() {
    return this.page.evaluate(() => localStorage.getItem('scalelab.autosave.v1'));
  }

  /** Opens the share dialog and returns the link it shows. */
  async shareLink() {
    await this.page.getByTestId('share').click();
    return this.page.getByTestId('share-url').inputValue();
  }

  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.page.getByTestId('app')).toBeVisible();
  }

  expectNoConsoleErrors() {
    expect(this.errors, 'console errors').toEqual([]);
  }
}
