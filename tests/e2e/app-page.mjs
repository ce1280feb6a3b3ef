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
    // Reading the file is asynchronous: the banner naming it says the import has finished.
    const name = path.split('/').pop();
    await expect(this.banner).toContainText(`“${name}”`);
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
    // A first visit opens the lessons' gallery: flows about the editor close it, as a user
    // choosing free play would.
    const gallery = this.page.getByTestId('gallery');
    if (await gallery.isVisible()) {
      await this.page.getByTestId('gallery-close').click();
      await expect(gallery).toHaveCount(0);
    }
  }

  /** The card of the component labelled `label` (its accessible name is "Kind: label"). */
  cardLabelled(label) {
    return this.canvas.locator(`[data-testid=component-card][aria-label$=": ${label}"]`);
  }

  /** The frame of the datacenter named `name`. */
  datacenter(name) {
    return this.canvas.getByTestId('datacenter').filter({ hasText: name });
  }

  /** The canvas context menu (ui/context_menu.rs). */
  contextMenu() {
    return this.page.getByTestId('context-menu');
  }

  /** Right-clicks `target` on the canvas and returns the menu once it is placed and shown. */
  async openContextMenu(target) {
    await target.click({ button: 'right' });
    await expect(this.contextMenu()).toBeVisible();
    return this.contextMenu();
  }

  /** Waits for the focus to settle after a key acted on the canvas: the app moves it a frame
   * later (`keep_focus`), and a person never presses the next key within that frame. */
  async focusSettled() {
    await this.page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
  }

  expectNoConsoleErrors() {
    expect(this.errors, 'console errors').toEqual([]);
  }
}

// Editor helpers (canvas, palette, ports, inspector, toolbar).
export class EditorPage extends AppPage {
  card(kind, nth = 0) {
    return this.canvas.locator(`[data-testid=component-card][data-kind=${kind}]`).nth(nth);
  }

  cards() {
    return this.canvas.getByTestId('component-card');
  }

  // Drags a palette entry onto the canvas at (x, y) relative to the canvas's top-left; the kind
  // 'Datacenter' drags the datacenter entry.
  async dragFromPalette(kind, x, y) {
    const item =
      kind === 'Datacenter'
        ? this.palette.getByTestId('add-datacenter')
        : this.palette.locator(`[data-testid=palette-item][data-kind=${kind}]`);
    // The palette scrolls: the entry must be on screen to be pressed.
    await item.scrollIntoViewIfNeeded();
    const from = await item.boundingBox();
    const canvas = await this.canvas.boundingBox();
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2 + 30, from.y + from.height / 2, { steps: 3 });
    await this.page.mouse.move(canvas.x + x, canvas.y + y, { steps: 8 });
    await this.page.mouse.up();
  }

  // Presses on a port of a card and moves to a port of another card; returns before releasing
  // when `release` is false (to read the refusal label).
  async wire(fromCard, toCard, { release = true, outPort = null } = {}) {
    const out = outPort
      ? fromCard.locator(`[data-testid=port-out][data-port=${outPort}] circle`)
      : fromCard.locator('[data-testid=port-out] circle').first();
    const input = toCard.locator('[data-testid=port-in] circle').first();
    const a = await out.boundingBox();
    const b = await input.boundingBox();
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
    if (release) await this.page.mouse.up();
  }

  // Touch contacts on the canvas: dispatches pointer events of pointerType 'touch'. `moves` is
  // a list of steps, each a list of [pointerId, x, y] relative to the canvas's top-left.
  async touch(type, contacts) {
    await this.canvas.evaluate(
      (el, { type, contacts }) => {
        const r = el.getBoundingClientRect();
        for (const [pointerId, x, y] of contacts) {
          el.dispatchEvent(
            new PointerEvent(type, {
              pointerId,
              pointerType: 'touch',
              isPrimary: pointerId === contacts[0][0],
              clientX: r.left + x,
              clientY: r.top + y,
              button: type === 'pointermove' ? -1 : 0,
              buttons: type === 'pointerup' ? 0 : 1,
              bubbles: true,
              cancelable: true,
              composed: true,
            }),
          );
        }
      },
      { type, contacts },
    );
  }

  toolbar(id) {
    return this.page.getByTestId(id);
  }
}
