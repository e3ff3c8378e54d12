import { MeiliSearchEngine } from '../search/meili-engine.js';
import { reindex } from '../search/reindex.js';
import { runCli, withServices } from './runtime.js';

/** `npm run reindex`: rebuilds the Meilisearch index (MEILI_URL) from Neo4j and swaps it in. */
runCli(async () => {
  const result = await withServices(async (services, executor, _logger, config) => {
    if (!(services.search instanceof MeiliSearchEngine))
      throw new Error('MEILI_URL is not set: the Neo4j full-text indexes need no rebuild');
    return reindex(services.search.meili, executor, config.meili.index);
  });
  console.log(JSON.stringify(result));
});
