// The lessons as a learner meets them, in English and in Korean: the gallery on a first visit,
// every lesson opened from its card, its narration stepped through, a run where an objective
// fails, the fix applied (one undo step) and a run where every objective passes; progress kept;
// a lesson opened by link, an attempt shared and reopened, and a link to no lesson refused
// with a message. Screenshots land in test-results/lessons/.
import { test, expect } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppPage } from './app-page.mjs';

const shots = fileURLToPath(new URL('../../test-results/lessons/', import.meta.url));
mkdirSync(shots, { recursive: true });
const allowed = readFileSync(fileURLToPath(new URL('../latin-allowed.txt', import.meta.url)), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

function foreignWords(text) {
  return (text.match(/[A-Za-z][A-Za-z0-9]+/g) ?? []).filter((w) => !allowed.includes(w));
}

async function runToEnd(page) {
  await page.getByTestId('run-speed').selectOption('max');
  await page.getByTestId('run-toggle').click();
  await expect(page.getByTestId('metrics')).toHaveAttribute('data-status', 'finished', {
    timeout: 120_000,
  });
}

for (const locale of ['en-US', 'ko-KR']) {
  test.describe(locale, () => {
    test.use({ locale });

    test(`every lesson misses at its start and passes with its fix (${locale})`, async ({ page }) => {
      test.setTimeout(600_000);
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto('/');
      const gallery = page.getByTestId('gallery');
      await expect(gallery).toBeVisible();
      await page.screenshot({ path: `${shots}gallery-${locale}.png` });
      const ids = await page
        .locator('[data-testid^="lesson-card-"]')
        .evaluateAll((cards) => cards.map((c) => c.dataset.testid.replace('lesson-card-', '')));
      expect(ids.length).toBeGreaterThanOrEqual(3);
      let failedThroughout = 0;
      for (const n of ids) {
        if (!(await gallery.isVisible())) await page.getByTestId('lessons-open').click();
        await page.getByTestId(`lesson-card-${n}`).click();
        await expect(gallery).toHaveCount(0);
        const panel = page.getByTestId('lesson-panel');
        await expect(page.getByTestId('lesson-title')).toHaveText(new RegExp(`^${n}\\. `));
        await expect(page.getByTestId('lesson-step')).toBeVisible();
        const progress = page.getByTestId('lesson-progress');
        const steps = Number((await progress.textContent()).split('/')[1]);
        await expect(progress).toHaveText(`1 / ${steps}`);
        // The next step waits for the run, and says for what.
        await page.getByTestId('lesson-next').click();
        await expect(progress).toHaveText(`2 / ${steps}`);
        await expect(page.getByTestId('lesson-waiting')).toBeVisible();
        await page.getByTestId('lesson-back').click();
        await expect(progress).toHaveText(`1 / ${steps}`);
        // Before the run nothing is judged: its build's figures are of no traffic (a cost
        // without the requests' prices, a culprit nobody has looked for yet).
        await expect(panel.locator('[data-testid=objective]:not([data-status=waiting])')).toHaveCount(0);
        await expect(page.getByTestId('cost-badge')).toHaveAttribute('data-basis', 'drawn');

        // Lesson 10's culprit, clicked before anything has failed, is not found yet.
        const store = page
          .getByTestId('component-card')
          .filter({ hasText: locale === 'ko-KR' ? '세션 저장소' : 'Session store' });
        if (n === '10') await store.click();
        await runToEnd(page);
        if (n === '10') {
          const found = panel.locator('[data-testid=objective]').first();
          await expect(found).toHaveAttribute('data-status', 'failed');
          // Found by reading the ended run's log and charts: selected now, it counts.
          await page.getByTestId('canvas').click({ position: { x: 8, y: 8 } });
          await store.click();
          await expect(found).toHaveAttribute('data-status', 'passed');
        }
        // The ended run's cost stays on the badge, the figure a cost objective was judged on
        // (held throughout, as its worst: "worst $2.85/h").
        const badge = page.getByTestId('cost-badge');
        await expect(badge).toHaveAttribute('data-basis', 'run-end');
        const costObjective = panel.locator('[data-testid=objective]', {
          hasText: locale === 'ko-KR' ? '시간당 비용' : 'cost per hour',
        });
        if (n === '12') await expect(costObjective).toHaveCount(1);
        if ((await costObjective.count()) > 0) {
          const figure = costObjective.getByTestId('objective-figure');
          await expect(figure).toContainText(await badge.innerText());
          if ((await costObjective.getAttribute('data-check')) === 'throughout') {
            await expect(figure).toHaveText(new RegExp(`^${locale === 'ko-KR' ? '최악' : 'worst'} `));
          }
        }
        await expect(panel.locator('[data-testid=objective][data-status=failed]').first()).toBeVisible();
        // An objective to hold throughout says when it failed (its figure is the one that broke
        // the limit); one judged at the end fails at the end.
        const failed = (check) =>
          panel.locator(`[data-testid=objective][data-status=failed][data-check=${check}] .objective-status`);
        for (const status of await failed('throughout').allInnerTexts()) {
          failedThroughout += 1;
          expect(status).toMatch(locale === 'ko-KR' ? /^[\d.,]+초에 실패$/ : /^failed at [\d.,]+ s$/);
        }
        for (const status of await failed('end').allInnerTexts()) {
          expect(status).toBe(locale === 'ko-KR' ? '실패' : 'failed');
        }
        // The header's marks say the same at a glance, folded or not.
        const tally = page.getByTestId('objective-tally');
        const total = await panel.locator('[data-testid=objective]').count();
        await expect(tally.locator('.tally-mark')).toHaveCount(total);
        await expect(tally.locator('.tally-mark[data-status=failed]')).toHaveCount(
          await panel.locator('[data-testid=objective][data-status=failed]').count(),
        );
        if (n === '1') {
          // The lone server's queue grows without bound: a p99 of seconds reads in seconds.
          const latency = page.getByTestId('chart-latency');
          await latency.scrollIntoViewIfNeeded();
          await expect(
            latency.locator('.run-legend-item:not(.run-legend-theory) .run-legend-value').last(),
          ).toHaveText(locale === 'ko-KR' ? /^\d+(\.\d+)?초$/ : /^\d+(\.\d+)? s$/);
          // So does its axis, counting seconds.
          await expect(latency.locator('.run-chart-unit')).toHaveText(locale === 'ko-KR' ? '(초)' : '(s)');
          // One server and its database: the charts of caches, replicas and datacenters say
          // the design has none, rather than drawing empty axes.
          for (const chart of ['chart-hit-ratio', 'chart-replica-lag', 'chart-datacenters']) {
            await expect(page.getByTestId(chart).getByTestId('chart-note')).toBeVisible();
            await expect(page.getByTestId(chart).locator('svg')).toBeHidden();
          }
          // Servers are counted in whole numbers, on the axis too.
          const queues = page.getByTestId('chart-queues');
          const instances = queues.locator('.run-legend-item').filter({ hasText: locale === 'ko-KR' ? '인스턴스' : 'instances' });
          await expect(instances.locator('.run-legend-value')).toHaveText(locale === 'ko-KR' ? '1개' : '1 count');
          // Beside them the server's waiting line, which its saturation grows.
          const waiting = queues.locator('.run-legend-item').filter({ hasNotText: locale === 'ko-KR' ? '인스턴스' : 'instances' });
          await expect(waiting).toHaveCount(1);
          expect(Number((await waiting.locator('.run-legend-value').textContent()).replace(/[^\d.]/g, ''))).toBeGreaterThan(0);
          for (const tick of await queues.locator('.run-axis-label').allTextContents()) {
            expect(tick).toMatch(locale === 'ko-KR' ? /^\d{1,3}(,\d{3})*(\.\d+)?(만|억)?(초)?$/ : /^\d+(\.\d+)?[kM]?( s)?$/);
          }
        }
        if (n === '12') {
          // Two datacenters, each with a cache and a replicated database: every chart draws.
          await expect(page.locator('[data-testid=chart-note]:visible')).toHaveCount(0);
          await expect(page.getByTestId('chart-datacenters').locator('svg')).toBeVisible();
        }
        if (n === '3') {
          // The lone web server is dead by the end and nothing is answered: the latency of the
          // last window has no figure, and its line stops where the answers did.
          const latency = page.getByTestId('chart-latency');
          await latency.scrollIntoViewIfNeeded();
          await expect(
            latency.locator('.run-legend-item:not(.run-legend-theory) .run-legend-value'),
          ).toHaveText(['–', '–', '–']);
          await expect(latency.locator('path.run-line').first()).toHaveAttribute('d', /^M[\d.,L]+$/);
        }
        // The narration followed the run past its first step.
        expect(Number((await progress.textContent()).split('/')[0])).toBeGreaterThan(1);
        await page.getByTestId('lesson-hint-button').click();
        await expect(page.getByTestId('lesson-hint')).toHaveCount(1);
        if (locale === 'ko-KR') {
          expect(foreignWords(await panel.innerText())).toEqual([]);
        }
        await page.screenshot({ path: `${shots}lesson-${n}-missed-${locale}.png` });

        const before = await page.getByTestId('component-card').count();
        await page.getByTestId('lesson-fix').click();
        await expect(page.getByTestId('metrics')).not.toHaveAttribute('data-status', 'finished');
        await runToEnd(page);
        await expect(page.getByTestId('lesson-passed')).toBeVisible();
        // The way on, but after the last lesson.
        if (n === String(ids.length)) await expect(page.getByTestId('lesson-next-lesson')).toBeHidden();
        else await expect(page.getByTestId('lesson-next-lesson')).toBeVisible();
        await expect(panel.locator('[data-testid=objective]:not([data-status=passed])')).toHaveCount(0);
        await expect(page.getByTestId('lesson-progress')).toHaveText(`${steps} / ${steps}`);
        await expect(tally.locator('.tally-mark[data-status=passed]')).toHaveCount(total);
        await expect(tally).toHaveAttribute(
          'aria-label',
          locale === 'ko-KR' ? `목표 ${total}개 중 ${total}개 달성` : `${total} of ${total} objectives met`,
        );
        if (locale === 'ko-KR') {
          expect(foreignWords(await panel.innerText())).toEqual([]);
        }
        await page.screenshot({ path: `${shots}lesson-${n}-passed-${locale}.png` });
        // The fix is one undo step: undo brings the attempt back.
        const after = await page.getByTestId('component-card').count();
        await page.getByTestId('editor.undo').click();
        await expect(page.getByTestId('component-card')).toHaveCount(before);
        await page.getByTestId('editor.redo').click();
        await expect(page.getByTestId('component-card')).toHaveCount(after);
      }
      expect(failedThroughout, 'starts that fail an objective to hold throughout').toBeGreaterThan(0);
      // Progress is kept: every lesson's card says it is completed, after a reload too.
      await page.reload();
      await page.getByTestId('lessons-open').click();
      await expect(page.getByTestId('lesson-done')).toHaveCount(ids.length);
      expect(errors).toEqual([]);
    });
  });
}

test('a lesson opens by link, an attempt is shared and reopened, a wrong number is refused', async ({
  page,
  context,
}) => {
  await page.goto('/#lesson=3');
  await expect(page.getByTestId('lesson-title')).toHaveText(/^3\. /);
  await expect(page.getByTestId('gallery')).toHaveCount(0);
  // The learner changes the design, then shares the attempt.
  await page.getByTestId('component-card').first().click();
  const cards = await page.getByTestId('component-card').count();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('component-card')).toHaveCount(cards - 1);
  await page.getByTestId('lesson-share').click();
  const link = await page.getByTestId('lesson-attempt-link').inputValue();
  expect(link).toMatch(/#lesson=3&v1=/);
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('lesson-title')).toHaveText(/^3\. /);
  await expect(other.getByTestId('component-card')).toHaveCount(cards - 1);
  // A link to a lesson that does not exist says so and keeps the diagram and the lesson open.
  await other.goto('/#lesson=42');
  await expect(other.getByTestId('banner')).toContainText('42');
  await expect(other.getByTestId('component-card')).toHaveCount(cards - 1);
  await expect(other.getByTestId('lesson-title')).toHaveText(/^3\. /);

  // A reload (or a phone's browser bringing the tab back) keeps the lesson open over the
  // attempt; once left, a reload is free play.
  await page.reload();
  await expect(page.getByTestId('lesson-title')).toHaveText(/^3\. /);
  await expect(page.getByTestId('component-card')).toHaveCount(cards - 1);
  await expect(page.getByTestId('gallery')).toHaveCount(0);
  await page.getByTestId('lesson-leave').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('component-card')).toHaveCount(cards - 1);
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
});

test("a lesson's words come in the screen's language, and a failed fetch is said and tried again", async ({
  page,
  context,
}) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The connection is down when the lesson opens: the narration says so and offers to try
  // again; the lesson itself (its title, objectives and runs) is there.
  await page.route('**/lessons/*.txt*', (route) => route.abort());
  await page.goto('/#lesson=1');
  await expect(page.getByTestId('lesson-title')).toHaveText(/^1\. A single server/);
  const failed = page.getByTestId('lesson-pack-failed');
  await expect(failed).toContainText('could not be loaded');
  await expect(page.getByTestId('objectives')).toBeVisible();
  await expect(page.getByTestId('lesson-step')).toHaveCount(0);
  // No hint can be shown: the button waits for the words rather than counting presses.
  await expect(page.getByTestId('lesson-hint-button')).toBeDisabled();
  // The notice stays whatever step the narration is at.
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-waiting')).toBeVisible();
  await expect(failed).toContainText('could not be loaded');
  await page.getByTestId('lesson-back').click();
  // Back online, "Try again" fetches the words; the focus stays in the panel, on the
  // narration they fill.
  await page.unroute('**/lessons/*.txt*');
  await page.getByTestId('lesson-pack-retry').click();
  await expect(page.getByTestId('lesson-step')).toContainText('Every service starts here');
  await expect(failed).toHaveCount(0);
  await expect(page.locator('.lesson-narration')).toBeFocused();
  // The hints come from the same words.
  await page.getByTestId('lesson-hint-button').click();
  await expect(page.getByTestId('lesson-hint')).toHaveCount(1);
  // Switched to Korean, the Korean words are fetched (only then) and shown.
  const fetched = [];
  page.on('request', (r) => r.url().includes('/lessons/') && fetched.push(new URL(r.url()).pathname));
  await page.getByTestId('language').selectOption('ko');
  await expect(page.getByTestId('lesson-step')).toContainText('모든 서비스는 여기서 시작합니다');
  await expect(page.getByTestId('lesson-hint')).toContainText('웹 서버');
  expect(fetched).toEqual(['/lessons/ko.txt']);
  // Back in English, the words fetched before are shown again without another fetch.
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('lesson-step')).toContainText('Every service starts here');
  expect(fetched).toEqual(['/lessons/ko.txt']);
  // Words from another version of the site (a page open across a deploy) are refused, and
  // the page says to reload rather than showing narration out of step with the lesson.
  const other = await context.newPage();
  await other.route('**/lessons/en.txt*', (route) =>
    route.fulfill({ contentType: 'text/plain', body: 'lesson 1\nstep Old words\n' }),
  );
  await other.goto('/#lesson=1');
  await expect(other.getByTestId('lesson-pack-failed')).toContainText('reload the page');
  await expect(other.getByTestId('lesson-pack-retry')).toHaveText('Reload');
  await expect(other.getByText('Old words')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a cut lesson link opens the lesson at its start, never judging the design left on the canvas', async ({
  page,
  context,
}) => {
  // Lesson 1's attempt, shared.
  await page.goto('/#lesson=1');
  await expect(page.getByTestId('lesson-title')).toHaveText(/^1\. /);
  const start = await page.getByTestId('component-card').count();
  await page.getByTestId('lesson-share').click();
  const link = await page.getByTestId('lesson-attempt-link').inputValue();
  // Someone else's canvas holds lesson 9's design, kept after leaving that lesson.
  const other = await context.newPage();
  await other.goto('/#lesson=9');
  await expect(other.getByTestId('lesson-title')).toHaveText(/^9\. /);
  const theirs = await other.getByTestId('component-card').count();
  expect(theirs).not.toBe(start);
  await other.getByTestId('lesson-leave').click();
  // The link arrives cut, as a chat app may cut it.
  const cut = link.slice(0, link.indexOf('v1=') + 3 + 100);
  await other.goto(cut);
  await expect(other.getByTestId('lesson-title')).toHaveText(/^1\. /);
  await expect(other.getByTestId('banner')).toContainText('damaged');
  await expect(other.getByTestId('banner')).toContainText('Lesson 1 opens at its start');
  await expect(other.getByTestId('component-card')).toHaveCount(start);
  // Their own design is one click away.
  await expect(other.getByTestId('banner-action')).toBeVisible();
});

test('each lesson opens unfolded, whatever the one before was left at', async ({ page }) => {
  await page.goto('/#lesson=1');
  await expect(page.getByTestId('lesson-title')).toHaveText(/^1\. /);
  await page.getByTestId('lesson-fold').click();
  await expect(page.getByTestId('lesson-fold')).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('lesson-step')).toBeHidden();
  await page.getByTestId('lessons-open').click();
  await page.getByTestId('lesson-card-2').click();
  await expect(page.getByTestId('lesson-title')).toHaveText(/^2\. /);
  await expect(page.getByTestId('lesson-fold')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('lesson-step')).toBeVisible();
});

test('an open lesson narrows the palette to its icons, so its design is drawn large enough to read', async ({
  page,
}) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const palette = page.getByTestId('palette');
  const zoom = async () => Number((await page.getByTestId('zoom-level').textContent()).replace('%', ''));
  await page.goto('/#lesson=1');
  await expect(page.getByTestId('lesson-title')).toHaveText(/^1\. /);
  await expect(palette).toHaveClass(/\bcompact\b/);
  await expect.poll(async () => (await palette.boundingBox()).width).toBeLessThan(80);
  // Beside the lesson's panel, the four cards of lesson 1 fit at two thirds of their size at
  // least (47 % with the palette at full width).
  await expect.poll(zoom).toBeGreaterThanOrEqual(60);
  // A compact item still adds its kind with a click, and names it in its title.
  const cards = await page.getByTestId('component-card').count();
  const cache = palette.locator('[data-testid="palette-item"][data-kind="Cache"]');
  await expect(cache).toHaveAttribute('title', /^Add Cache: /);
  await cache.click();
  await expect(page.getByTestId('component-card')).toHaveCount(cards + 1);
  // The person may widen it during the lesson...
  await page.getByTestId('palette-fold').click();
  await expect(palette).not.toHaveClass(/\bcompact\b/);
  await expect(page.getByTestId('palette-fold')).toHaveAttribute('aria-expanded', 'true');
  // ... and leaving the lesson gives back the width chosen before it: here, the full one.
  await page.getByTestId('palette-fold').click();
  await page.getByTestId('lesson-leave').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect(palette).not.toHaveClass(/\bcompact\b/);
  await expect.poll(async () => (await palette.boundingBox()).width).toBeGreaterThan(200);
  // Narrowed by hand outside a lesson, it stays narrow after one.
  await page.getByTestId('palette-fold').click();
  await expect(palette).toHaveClass(/\bcompact\b/);
  await page.getByTestId('lessons-open').click();
  await page.getByTestId('lesson-card-2').click();
  await page.getByTestId('lesson-leave').click();
  await expect(palette).toHaveClass(/\bcompact\b/);
  expect(errors).toEqual([]);
});

test('leaving a lesson opened over work, its banner says that work is still kept, and puts it back', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.importFile(fileURLToPath(new URL('../fixtures/single_server.json', import.meta.url)));
  const own = await app.autosave();
  await page.evaluate(() => {
    window.location.hash = '#lesson=2';
  });
  await expect(page.getByTestId('lesson-title')).toHaveText(/^2\. /);
  await expect(app.banner).toContainText('Lesson 2');
  await page.getByTestId('lesson-leave').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect(app.banner).toHaveText(/is still kept/);
  await expect(app.banner).not.toContainText('Lesson 2');
  await page.getByTestId('banner-action').click();
  await expect(app.banner).toContainText('Your previous diagram is back');
  await expect.poll(() => app.autosave()).toBe(own);
  app.expectNoConsoleErrors();
});

test('lesson 10 says which selected components are not the culprit, until the culprit is found', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto('/#lesson=10');
  await expect(page.getByTestId('lesson-title')).toHaveText(/^10\. /);
  await runToEnd(page);
  const ruledOut = page.getByTestId('objective-ruled-out');
  await expect(ruledOut).toHaveCount(0);
  await page.locator('[data-testid=component-card][data-kind=WebServers]').first().click();
  await expect(ruledOut).toHaveText('not it: Web servers');
  await page.locator('[data-testid=component-card][data-kind=Database]').first().click();
  await expect(ruledOut).toHaveText('not it: Web servers, Database');
  // Found: the objective passes and the wrong guesses go.
  await page.locator('[data-testid=component-card][data-kind=SessionStore]').first().click();
  await expect(page.getByTestId('objective').first()).toHaveAttribute('data-status', 'passed');
  await expect(ruledOut).toHaveCount(0);
  app.expectNoConsoleErrors();
});
