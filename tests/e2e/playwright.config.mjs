// Playwright runs the end-to-end flows against the release build (`make build-release`),
// served on 127.0.0.1 at the site root and under /scalelab/ as GitHub Pages serves it.
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4178);

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: CHROMIUM,
  },
  webServer: {
    command: `node serve.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
