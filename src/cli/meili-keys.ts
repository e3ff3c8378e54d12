import { loadConfig } from '../config.js';
import { serviceKey } from '../search/meili-keys.js';
import { runCli } from './runtime.js';

/**
 * `npm run meili:keys`: with MEILI_URL and the master key in MEILI_MASTER_KEY, prints the scoped
 * key the service should be given as MEILI_API_KEY (the same key every time for one index).
 */
runCli(async () => {
  const config = loadConfig(process.env, { serving: false });
  const master = process.env.MEILI_MASTER_KEY;
  if (!config.meili.url || !master)
    throw new Error('set MEILI_URL and MEILI_MASTER_KEY (the master key stays with Meilisearch)');
  console.log(await serviceKey(config.meili.url, master, config.meili.index));
});
