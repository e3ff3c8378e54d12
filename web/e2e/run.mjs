// `npm run test:e2e`: the console's end-to-end tests in Debian's chromium. SKIP_BROWSER_TESTS=1
// skips them, saying so loudly; with no chromium they fail and say how to install one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.env.SKIP_BROWSER_TESTS === '1') {
  console.warn(
    "\n*** SKIP_BROWSER_TESTS=1: the console's end-to-end browser tests were NOT run ***\n",
  );
  process.exit(0);
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `No Chromium at ${chromium}: the console's end-to-end tests need one.\n` +
      '  Debian/Ubuntu: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)\n' +
      '  To skip them on a machine without a browser: SKIP_BROWSER_TESTS=1 npm test',
  );
  process.exit(1);
}
const result = spawnSync(
  'npx',
  ['playwright', 'test', '-c', 'web/playwright.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
