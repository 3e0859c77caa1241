// Browser tests on Debian's Chromium (never Playwright's downloaded browsers) against a production
// server on a fresh database, started by scripts/e2e-server.mjs.
import { defineConfig, devices } from '@playwright/test';

const CI = !!process.env.CI;
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100); // also in scripts/e2e-server.mjs
const baseURL = `http://127.0.0.1:${E2E_PORT}`;

/** Specs that change the demo's published scores for everyone (see the projects below). */
const REWRITES_DEMO = ['**/appeals.spec.ts', '**/revision.spec.ts'];

const BROWSER = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 800 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Its own folder: Playwright empties outputDir on start, and test-results/ also holds the
  // vitest reports and the screenshots written by the `shot` fixture.
  outputDir: E2E_PORT === 3100 ? 'test-results/playwright' : `test-results/playwright-${E2E_PORT}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: CI ? 2 : undefined,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'en-US',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    // Every spec but those that rewrite the demo's published figures, in parallel.
    { name: 'chromium', use: BROWSER, testIgnore: REWRITES_DEMO },
    // These file and decide an appeal of firm1's 2026Q2 values, then publish it as a revision of the
    // period (every market stakeholder's rank and percentile move): they run after all the others,
    // one after the other, so no spec reads the demo halfway through being revised.
    { name: 'appeals', use: BROWSER, testMatch: 'appeals.spec.ts', dependencies: ['chromium'] },
    { name: 'revision', use: BROWSER, testMatch: 'revision.spec.ts', dependencies: ['appeals'] },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: !CI,
    // Includes a production build when the sources changed: a few minutes on 2 cores.
    timeout: 10 * 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
