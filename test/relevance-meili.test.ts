/**
 * Ranking quality of the Meilisearch engine (issue 21) on the corpus and both query sets of
 * test/relevance.test.ts, against the same bigram BM25 baseline, when MEILI_URL is set (no
 * Meilisearch can be installed on the CI machine). The floors sit just under the figures measured
 * against Meilisearch 1.50 built with its Chinese segmentation (bench/RESULTS.md).
 */
import type { MeiliSearchEngine } from '../src/search/meili-engine.js';
import { loadArticles } from '../src/modules/knowledge/seed.js';
import { LONG_QUERIES } from './fixtures/long-queries.js';
import { RELEVANCE_QUERIES } from './fixtures/relevance.js';
import { bm25Baseline, CORPUS, engineRank, measure } from './support/relevance.js';
import { meiliUrl, startMeiliTestApp } from './support/meili-app.js';
import type { TestApp } from './support/test-app.js';

const FLOOR = { recallAt5: 0.96, mrr: 0.97 };
const LONG_FLOOR = { recallAt5: 0.77, mrr: 0.71 };

(meiliUrl ? describe : describe.skip)('search relevance (Meilisearch engine)', () => {
  let t: TestApp;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    let engine: () => MeiliSearchEngine;
    ({ t, engine, drop } = await startMeiliTestApp('test_relevance'));
    await t.loadDemo();
    await loadArticles(t.app.services, CORPUS);
    await engine().drainOutbox();
  }, 300000);
  afterAll(() => drop());

  it('meets its recall@5 and MRR floors on the short queries', async () => {
    const engine = await measure(engineRank(t), RELEVANCE_QUERIES);
    console.log(
      `Meilisearch, short queries (${RELEVANCE_QUERIES.length}): recall@5=${engine.recallAt5.toFixed(3)} MRR=${engine.mrr.toFixed(3)}` +
        `\nmisses: ${engine.misses.join('; ') || 'none'}`,
    );
    expect(engine.recallAt5).toBeGreaterThanOrEqual(FLOOR.recallAt5);
    expect(engine.mrr).toBeGreaterThanOrEqual(FLOOR.mrr);
  }, 120000);

  it('ranks long symptom descriptions at least as well as a bigram BM25', async () => {
    const bm25 = bm25Baseline();
    const baseline = await measure(async (query) => bm25.rank(query), LONG_QUERIES);
    const engine = await measure(engineRank(t), LONG_QUERIES);
    console.log(
      `Meilisearch, long queries (${LONG_QUERIES.length}): recall@5=${engine.recallAt5.toFixed(3)} MRR=${engine.mrr.toFixed(3)}` +
        ` | bigram BM25 recall@5=${baseline.recallAt5.toFixed(3)} MRR=${baseline.mrr.toFixed(3)}` +
        `\nmisses: ${engine.misses.join('; ') || 'none'}`,
    );
    expect(engine.recallAt5).toBeGreaterThanOrEqual(LONG_FLOOR.recallAt5);
    expect(engine.mrr).toBeGreaterThanOrEqual(LONG_FLOOR.mrr);
    expect(engine.recallAt5).toBeGreaterThanOrEqual(baseline.recallAt5);
    expect(engine.mrr).toBeGreaterThanOrEqual(baseline.mrr);
  }, 300000);
});
