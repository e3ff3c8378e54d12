import { readFileSync } from 'node:fs';
import { fromRoot } from '../src/paths.js';
import { loadArticles, type SeedArticle } from '../src/modules/knowledge/seed.js';
import { RELEVANCE_QUERIES, relevanceArticles } from './fixtures/relevance.js';
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

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
  const seed = JSON.parse(readFileSync('seed/known-errors.json', 'utf8')) as SeedArticle[];
  await loadArticles(t.app.services, [...seed, ...relevanceArticles()]);
}, 300000);
afterAll(() => t.close());

/** recall@5 and MRR of a ranking function over the query set. */
async function measure(rank: (query: string) => Promise<string[]>) {
  let recall = 0;
  let reciprocal = 0;
  const misses: string[] = [];
  for (const { query, relevant } of RELEVANCE_QUERIES) {
    const titles = await rank(query);
    const top5 = titles.slice(0, 5);
    recall += relevant.filter((r) => top5.includes(r)).length / relevant.length;
    const first = titles.findIndex((title) => relevant.includes(title));
    reciprocal += first === -1 ? 0 : 1 / (first + 1);
    if (first === -1 || first >= 5)
      misses.push(`${query} → rank ${first === -1 ? '-' : first + 1}`);
  }
  const n = RELEVANCE_QUERIES.length;
  return { recallAt5: recall / n, mrr: reciprocal / n, misses };
}

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
    const engine = await measure(async (query) =>
      (
        await t.ok(
          `query($q: String!) { searchKnowledge(query: $q, first: 20) { hits { knownError { title } } } }`,
          { q: query },
        )
      ).searchKnowledge.hits.map((h: any) => h.knownError.title),
    );
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
});
