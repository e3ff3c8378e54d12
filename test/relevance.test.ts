import { readFileSync } from 'node:fs';
import { fromRoot } from '../src/paths.js';
import { loadArticles } from '../src/modules/knowledge/seed.js';
import { LONG_QUERIES } from './fixtures/long-queries.js';
import { RELEVANCE_QUERIES } from './fixtures/relevance.js';
import { bm25Baseline, CORPUS, engineRank, measure } from './support/relevance.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The comparison's query: not one the service runs, so it lives with the test. */
const SINGLE_INDEX_QUERY = readFileSync(
  fromRoot('test', 'cypher', 'search-single-index.cypher'),
  'utf8',
);

/**
 * Ranking quality of the Neo4j engine on a fixed corpus (the 60 demo articles and 90 written for
 * the test) and 47 queries in Chinese and English. The floors sit just under the measured figures
 * (bench/RESULTS.md), so that ranking cannot silently get worse.
 */
const FLOOR = { recallAt5: 0.93, mrr: 0.92 };
/** The long-query set's floors (test/fixtures/long-queries.ts): set from the measured figures. */
const LONG_FLOOR = { recallAt5: 0.8, mrr: 0.74 };
/** The floors of the English queries with a typo (derived in the test from both sets). */
const TYPO_FLOOR = { recallAt5: 0.82, mrr: 0.74 };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
  await loadArticles(t.app.services, CORPUS);
}, 300000);
afterAll(() => t.close());

const ranked = () => engineRank(t);

describe('search relevance (Neo4j engine)', () => {
  it('has a corpus of at least 150 articles and at least 40 queries in both languages', async () => {
    const total = (await t.ok(`{ knownErrors(first: 0) { totalCount } }`)).knownErrors.totalCount;
    expect(total).toBeGreaterThanOrEqual(150);
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(40);
    expect(RELEVANCE_QUERIES.filter((q) => /\p{Script=Han}/u.test(q.query)).length).toBeGreaterThan(
      15,
    );
    expect(
      RELEVANCE_QUERIES.filter((q) => !/\p{Script=Han}/u.test(q.query)).length,
    ).toBeGreaterThan(15);
  });

  it('meets its recall@5 and MRR floors', async () => {
    const engine = await measure(ranked());
    // The alternative the issue asks to compare: one index, the English analyzer alone (Chinese
    // as single characters), queried with the raw words.
    const single = await measure(async (query) => {
      const { records } = await t.app.driver.executeQuery(SINGLE_INDEX_QUERY, {
        query: query.replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
      });
      return records.map((r) => String(r.get('title')));
    });
    console.log(
      `relevance over ${RELEVANCE_QUERIES.length} queries: engine recall@5=${engine.recallAt5.toFixed(3)} MRR=${engine.mrr.toFixed(3)}` +
        ` | English-analyzer-only index recall@5=${single.recallAt5.toFixed(3)} MRR=${single.mrr.toFixed(3)}` +
        `\nengine misses: ${engine.misses.join('; ') || 'none'}\nsingle-index misses: ${single.misses.join('; ') || 'none'}`,
    );
    expect(engine.recallAt5).toBeGreaterThanOrEqual(FLOOR.recallAt5);
    expect(engine.mrr).toBeGreaterThanOrEqual(FLOOR.mrr);
  }, 120000);

  it('highlights every hit of every English query (the same stemming as the index)', async () => {
    // The set's English queries, and words whose stems a suffix rule gets wrong (issue 21).
    const english = [
      ...RELEVANCE_QUERIES.filter((q) => !/\p{Script=Han}/u.test(q.query)),
      ...['connectivity', 'stopped', 'replication', 'authentication failures'].map((query) => ({
        query,
      })),
    ];
    const unmarked: string[] = [];
    let hits = 0;
    for (const { query } of english) {
      const found = (
        await t.ok(
          `query($q: String!) { searchKnowledge(query: $q, first: 20) { hits { knownError { number } highlights { snippet } } } }`,
          { q: query },
        )
      ).searchKnowledge.hits;
      for (const h of found) {
        hits += 1;
        if (!h.highlights.some((x: any) => x.snippet.includes('<em>')))
          unmarked.push(`${query} → ${h.knownError.number}`);
      }
    }
    expect(hits).toBeGreaterThan(english.length);
    expect(unmarked).toEqual([]);
  }, 120000);

  it('ranks long symptom descriptions at least as well as a bigram BM25 over the same articles', async () => {
    expect(LONG_QUERIES.length).toBeGreaterThanOrEqual(100);
    const bm25 = bm25Baseline();
    const baseline = await measure(async (query) => bm25.rank(query), LONG_QUERIES);
    const engine = await measure(ranked(), LONG_QUERIES);
    console.log(
      `long queries (${LONG_QUERIES.length}): engine recall@5=${engine.recallAt5.toFixed(3)} MRR=${engine.mrr.toFixed(3)}` +
        ` | bigram BM25 recall@5=${baseline.recallAt5.toFixed(3)} MRR=${baseline.mrr.toFixed(3)}` +
        `\nengine misses: ${engine.misses.join('; ') || 'none'}\nBM25 misses: ${baseline.misses.join('; ') || 'none'}`,
    );
    expect(engine.recallAt5).toBeGreaterThanOrEqual(LONG_FLOOR.recallAt5);
    expect(engine.mrr).toBeGreaterThanOrEqual(LONG_FLOOR.mrr);
    // The bar: at least the baseline, on the same articles in the same run.
    expect(engine.recallAt5).toBeGreaterThanOrEqual(baseline.recallAt5);
    expect(engine.mrr).toBeGreaterThanOrEqual(baseline.mrr);
  }, 300000);

  it('tolerates a typo in an English word without losing the clean queries', async () => {
    // Each English query of both sets with two middle letters of its longest word swapped.
    const typos = [...RELEVANCE_QUERIES, ...LONG_QUERIES]
      .filter((q) => !/\p{Script=Han}/u.test(q.query))
      .flatMap(({ query, relevant }) => {
        const longest = [...query.matchAll(/[a-z]{6,}/giu)]
          .map((m) => m[0])
          .sort((a, b) => b.length - a.length)[0];
        if (!longest) return [];
        const i = Math.floor(longest.length / 2);
        const typo = longest.slice(0, i - 1) + longest[i] + longest[i - 1] + longest.slice(i + 1);
        return typo === longest ? [] : [{ query: query.replace(longest, typo), relevant }];
      });
    expect(typos.length).toBeGreaterThanOrEqual(50);
    const engine = await measure(ranked(), typos);
    console.log(
      `typos (${typos.length}): engine recall@5=${engine.recallAt5.toFixed(3)} MRR=${engine.mrr.toFixed(3)}`,
    );
    expect(engine.recallAt5).toBeGreaterThanOrEqual(TYPO_FLOOR.recallAt5);
    expect(engine.mrr).toBeGreaterThanOrEqual(TYPO_FLOOR.mrr);
  }, 300000);
});
