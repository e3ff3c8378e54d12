import type { MeiliSearchEngine } from '../../src/search/meili-engine.js';
import { startTestApp, type TestApp } from './test-app.js';

/** MEILI_URL of the Meilisearch tests: they run only when it is set. */
export const meiliUrl = process.env.MEILI_URL;

/**
 * A test app on MEILI_URL with an index of its own (`prefix` and the time), on an emptied
 * database; `drop()` deletes the index and closes the app.
 */
export async function startMeiliTestApp(prefix: string) {
  const index = `${prefix}_${Date.now()}`;
  const t: TestApp = await startTestApp({
    MEILI_URL: meiliUrl!,
    MEILI_API_KEY: process.env.MEILI_API_KEY ?? '',
    MEILI_INDEX: index,
    MEILI_RELAY_INTERVAL_MS: '100',
  });
  await t.reset();
  const engine = () => t.app.services.search as MeiliSearchEngine;
  return {
    t,
    index,
    engine,
    drop: async () => {
      await engine().meili.deleteIndexIfExists(index);
      await t.close();
    },
  };
}
