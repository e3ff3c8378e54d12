import type { MeiliSearchEngine } from '../src/search/meili-engine.js';
import { Meilisearch } from 'meilisearch';
import { serviceKey } from '../src/search/meili-keys.js';
import { reindex } from '../src/search/reindex.js';
import { meiliUrl, startMeiliTestApp } from './support/meili-app.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CREATE = `mutation($i: CreateKnownErrorInput!) { createKnownError(input: $i) { id version } }`;
const STEP = (name: string) =>
  `mutation($id: ID!, $v: Int!) { ${name}(id: $id, expectedVersion: $v) { id version } }`;
const SEARCH = `query($q: String!, $f: KnownErrorFilter) { searchKnowledge(query: $q, filter: $f) {
  engine totalHits hits { knownError { id title } highlights { field snippet } } } }`;

async function publish(t: TestApp, title: string, symptoms: string) {
  let a = (await t.ok(CREATE, { i: { title, symptoms, tags: ['printer'] } })).createKnownError;
  a = (await t.ok(STEP('submitKnownError'), { id: a.id, v: a.version })).submitKnownError;
  return (await t.ok(STEP('publishKnownError'), { id: a.id, v: a.version })).publishKnownError;
}

describe('Meilisearch engine while Meilisearch is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 9 of loopback here: the engine starts, writes go to the outbox.
    t = await startTestApp({ MEILI_URL: 'http://127.0.0.1:9', MEILI_RELAY_INTERVAL_MS: '60000' });
    await t.reset();
  });
  afterAll(() => t.close());

  it('still acknowledges writes, keeps them in the outbox, and reports not ready', async () => {
    const a = await publish(t, '网络打印机脱机', 'Printer offline');
    expect(a.version).toBe(3);
    const [row] = await t.app.executor.read('knowledge/outbox-count');
    expect(Number(row!.pending)).toBe(3);
    const ready = await fetch(t.app.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as any).checks.search).toBe(false);
    await expect((t.app.services.search as MeiliSearchEngine).drainOutbox()).rejects.toThrow();
    const [after] = await t.app.executor.read('knowledge/outbox-count');
    expect(Number(after!.pending)).toBe(3);
  });
});

if (!meiliUrl)
  console.log(
    'Meilisearch integration tests skipped: MEILI_URL is not set (Meilisearch cannot be installed on this machine; set MEILI_URL, and MEILI_API_KEY if needed, to run them).',
  );

(meiliUrl ? describe : describe.skip)('Meilisearch engine against MEILI_URL', () => {
  let t: TestApp;
  let index: string;
  let engine: () => MeiliSearchEngine;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ t, index, engine, drop } = await startMeiliTestApp('test_known_errors'));
  });
  afterAll(() => drop());

  it('finds a published article once the relay has carried it, with typo tolerance and highlights', async () => {
    const a = await publish(t, 'Network printer offline after DHCP change', '网络打印机无法连接');
    await engine().drainOutbox();
    const r = (await t.ok(SEARCH, { q: 'pirnter offline' })).searchKnowledge;
    expect(r.engine).toBe('meilisearch');
    expect(r.hits[0].knownError.id).toBe(a.id);
    expect(r.hits[0].highlights.length).toBeGreaterThan(0);
    const zh = (await t.ok(SEARCH, { q: '打印机' })).searchKnowledge;
    expect(zh.hits.map((h: any) => h.knownError.id)).toContain(a.id);
  });

  it('honours the status filter and follows transitions', async () => {
    const a = await publish(t, 'Scanner jams on duplex', 'duplex jam');
    await engine().drainOutbox();
    expect((await t.ok(SEARCH, { q: 'duplex' })).searchKnowledge.totalHits).toBe(1);
    await t.ok(
      `mutation($id: ID!, $v: Int!) { retireKnownError(id: $id, expectedVersion: $v, reason: "old") { id } }`,
      { id: a.id, v: a.version },
    );
    await engine().drainOutbox();
    expect((await t.ok(SEARCH, { q: 'duplex' })).searchKnowledge.totalHits).toBe(0);
    expect(
      (await t.ok(SEARCH, { q: 'duplex', f: { status: ['RETIRED'] } })).searchKnowledge.totalHits,
    ).toBe(1);
  });

  it('escapes stored markup in highlights, keeping only its own <em>', async () => {
    const a = await publish(
      t,
      'Zebra <img src=x onerror=alert(1)> & "q" <script>x</script>',
      'zebra',
    );
    await engine().drainOutbox();
    const r = (await t.ok(SEARCH, { q: 'zebra' })).searchKnowledge;
    expect(r.hits[0].knownError.id).toBe(a.id);
    const snippets = r.hits[0].highlights.map((h: any) => h.snippet).join('\n');
    expect(snippets).toContain(
      '<em>Zebra</em> &lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;',
    );
    expect(snippets.replace(/<\/?em>/g, '')).not.toMatch(/[<>]/);
  });

  it('rebuilds the index with reindex and swaps it in', async () => {
    const result = await reindex(engine().meili, t.app.executor, index);
    expect(result.documents).toBeGreaterThanOrEqual(2);
    expect((await t.ok(SEARCH, { q: 'printer' })).searchKnowledge.totalHits).toBeGreaterThan(0);
  });
});

const master = process.env.MEILI_MASTER_KEY;
(meiliUrl && master ? describe : describe.skip)('the scoped Meilisearch key', () => {
  it('serves the index and its reindex twins, and nothing else', async () => {
    const index = `test_scoped_${Date.now()}`;
    const key = await serviceKey(meiliUrl!, master!, index);
    expect(await serviceKey(meiliUrl!, master!, index)).toBe(key);
    const scoped = new Meilisearch({ host: meiliUrl!, apiKey: key });
    await scoped.createIndex(`${index}_1`).waitTask();
    await expect(scoped.createIndex(`other_${index}`).waitTask()).rejects.toThrow();
    await expect(scoped.getKeys()).rejects.toThrow();
    await new Meilisearch({ host: meiliUrl!, apiKey: master! }).deleteIndexIfExists(`${index}_1`);
  });
});
