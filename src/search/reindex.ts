import neo4j from 'neo4j-driver';
import type { Meilisearch } from 'meilisearch';
import type { Executor } from '../graph/executor.js';
import { ensureIndex } from './meili-engine.js';
import { readDocuments } from './meili-documents.js';
import { checkTask } from './outbox-relay.js';
import { NO_PROGRESS, type Progress } from '../progress.js';

const BATCH = 1000;

/**
 * Rebuilds the Meilisearch index from Neo4j: fills a fresh index with every article, then swaps
 * it in under the configured name (renaming it when none exists yet) and drops the old one.
 * Changes written meanwhile wait in the outbox and reach the swapped-in index afterwards.
 */
export async function reindex(
  client: Meilisearch,
  executor: Executor,
  uid: string,
  progress: Progress = NO_PROGRESS,
): Promise<{ index: string; documents: number }> {
  const fresh = `${uid}_${Date.now()}`;
  await ensureIndex(client, fresh);
  let documents = 0;
  let afterId: string | null = null;
  const [count] = await executor.read('knowledge/count');
  const reading = progress.phase('index articles', Number(count?.articles ?? 0));
  for (;;) {
    try {
      progress.checkpoint();
    } catch (stop) {
      // The live index is untouched: the unfinished one goes.
      await client.deleteIndex(fresh).waitTask({ timeout: 60000 });
      throw stop;
    }
    const rows = await executor.read('knowledge/all-ids', { afterId, limit: neo4j.int(BATCH) });
    if (rows.length === 0) break;
    const ids = rows.map((r) => String(r.id));
    const docs = await executor.readTx('reindexArticles', (tx) => readDocuments(tx, ids));
    const present = docs.filter((d) => d !== undefined);
    checkTask(
      await client
        .index(fresh)
        .addDocuments(present, { primaryKey: 'id' })
        .waitTask({ timeout: 120000 }),
    );
    documents += present.length;
    reading.advance(ids.length);
    afterId = ids.at(-1)!;
  }
  reading.end();
  const exists = await client
    .getRawIndex(uid)
    .then(() => true)
    .catch(() => false);
  checkTask(
    await client
      .swapIndexes([{ indexes: [uid, fresh], rename: !exists }])
      .waitTask({ timeout: 60000 }),
  );
  if (exists) checkTask(await client.deleteIndex(fresh).waitTask({ timeout: 60000 }));
  return { index: uid, documents };
}
