import { defineConfig } from '@playwright/test';
import { BASE_URL } from './e2e/service';

/**
 * End-to-end tests of the console: Debian's chromium (CHROMIUM_PATH, default /usr/bin/chromium)
 * against the real service on the real Neo4j with the demo estate, in token mode. One worker:
 * the tests share the service and its data.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    trace: 'off',
  },
});
