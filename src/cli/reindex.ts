import { MeiliSearchEngine } from '../search/meili-engine.js';
import { reindex } from '../search/reindex.js';
import { InterruptedError } from '../progress.js';
import { CliProgress } from './progress.js';
import { runCli, withServices } from './runtime.js';

/**
 * `npm run reindex [-- --quiet]`: rebuilds the Meilisearch index (MEILI_URL) from Neo4j and swaps
 * it in, with progress. Ctrl-C stops it between batches: the live index is left as it was and the
 * unfinished one removed; running it again rebuilds it.
 */
runCli(async () => {
  const progress = CliProgress.forArgs(process.argv.slice(2)).interruptible();
  try {
    const result = await withServices(async (services, executor, _logger, config) => {
      if (!(services.search instanceof MeiliSearchEngine))
        throw new Error('MEILI_URL is not set: the Neo4j full-text indexes need no rebuild');
      return reindex(services.search.meili, executor, config.meili.index, progress);
    });
    progress.stop();
    console.log(JSON.stringify(result));
  } catch (error) {
    progress.stop();
    if (!(error instanceof InterruptedError)) throw error;
    console.error(
      'interrupted: the live index is unchanged and the unfinished one was removed; run npm run reindex again',
    );
    process.exit(130);
  }
});
