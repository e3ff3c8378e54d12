/**
 * Search benchmark: 100k generated articles in a fresh tools/neo4j-local, the service started on
 * it, and `searchKnowledge` timed over HTTP for one- to three-word queries in Chinese and English,
 * and for the long symptom descriptions of the second relevance set (test/fixtures/long-queries.ts:
 * sentences of 18 to 129 characters, whose every-word pass finds nothing here and falls back to any
 * word, the expensive path), interleaved with the short ones.
 * Baseline in the same run: `knownError(number)`, an indexed lookup through the same HTTP stack.
 * With MEILI_URL set, the service searches with the Meilisearch engine there instead (an index of
 * its own, filled by `reindex` after the load and deleted at the end).
 * Usage: npm run bench:search [-- ARTICLES]   (default 100000). Prints a JSON summary.
 */
import neo4j from 'neo4j-driver';
import type { MeiliSearchEngine } from '../../src/search/meili-engine.js';
import { articleNumber } from '../../src/search/query-text.js';
import { reindex } from '../../src/search/reindex.js';
import { LONG_QUERIES } from '../../test/fixtures/long-queries.js';
import {
  benchApp,
  benchHeaders,
  benchNeo4j,
  p50p95,
  stopBench,
  waitForQuietNeo4j,
} from '../support.js';

const ARTICLES = Number(process.argv[2] ?? 100000);
const RUNS = 400;

const ZH_DEVICES = [
  '核心交换机',
  '防火墙',
  '负载均衡',
  '服务器',
  '存储阵列',
  '路由器',
  '打印机',
  '读卡器',
  '视频终端',
  '数据库',
  '中间件',
  '虚拟机',
  '邮件系统',
  '门户网站',
  '协同办公',
];
const ZH_FAULTS = [
  '无法连接',
  '响应缓慢',
  '频繁重启',
  '告警',
  '证书过期',
  '磁盘空间满',
  '连接超时',
  '登录失败',
  '数据同步延迟',
  '端口翻动',
  '内存不足',
  '配置丢失',
];
const ZH_WORDS = [
  '委办局',
  '用户',
  '反映',
  '日志',
  '显示',
  '错误',
  '升级',
  '补丁',
  '网络',
  '链路',
  '重启后',
  '恢复',
  '高峰期',
  '业务',
  '办理',
  '窗口',
  '接口',
  '备份',
  '监控',
  '维保',
];
const EN_DEVICES = [
  'core switch',
  'firewall',
  'load balancer',
  'server',
  'storage array',
  'router',
  'printer',
  'card reader',
  'video terminal',
  'database',
  'middleware',
  'virtual machine',
  'mail gateway',
  'portal',
  'office automation',
];
const EN_FAULTS = [
  'cannot connect',
  'slow response',
  'reboots repeatedly',
  'raises alarms',
  'certificate expired',
  'disk full',
  'connection timeout',
  'login fails',
  'replication lag',
  'port flapping',
  'out of memory',
  'configuration lost',
];
const EN_WORDS = [
  'users',
  'report',
  'logs',
  'show',
  'errors',
  'upgrade',
  'patch',
  'network',
  'link',
  'after',
  'restart',
  'recovers',
  'peak',
  'hours',
  'counter',
  'interface',
  'backup',
  'monitoring',
  'vendor',
  'queue',
];

let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const pick = <T>(xs: T[]) => xs[rand(xs.length)]!;
const words = (xs: string[], n: number, sep: string) =>
  Array.from({ length: n }, () => pick(xs)).join(sep);

function article(i: number) {
  const zh = i % 2 === 0;
  const device = zh ? pick(ZH_DEVICES) : pick(EN_DEVICES);
  const fault = zh ? pick(ZH_FAULTS) : pick(EN_FAULTS);
  const text = (n: number) => (zh ? words(ZH_WORDS, n, '') + '。' : words(EN_WORDS, n, ' ') + '.');
  return {
    id: `bench-ke-${i}`,
    number: articleNumber(i + 1),
    title: zh ? `${device}${fault}` : `${device} ${fault}`,
    symptoms: `${zh ? device + fault : `${device} ${fault}`}. ${text(20)}`,
    cause: text(12),
    workaround: text(10),
    resolution: text(10),
    tags: [device],
    status: rand(10) < 8 ? 'PUBLISHED' : 'DRAFT',
    author: 'bench',
  };
}

const QUERIES = [
  '打印机',
  '证书过期',
  '防火墙 告警',
  '数据库 连接超时',
  '核心交换机 端口翻动 日志',
  '磁盘空间满',
  '邮件系统 数据同步延迟',
  '读卡器 无法连接 窗口',
  'printer',
  'certificate expired',
  'firewall alarms',
  'database timeout',
  'core switch port flapping',
  'disk full',
  'mail gateway replication',
  'card reader connect',
];

async function main() {
  const bench = await benchNeo4j('search', { heap: '2g', pageCache: '1g' });
  const meiliIndex = `bench_search_${Date.now()}`;
  const meili = process.env.MEILI_URL
    ? { MEILI_URL: process.env.MEILI_URL, MEILI_INDEX: meiliIndex, MEILI_RELAY_INTERVAL_MS: '100' }
    : undefined;
  const app = await benchApp(bench, meili);
  const engine = meili ? (app.services.search as MeiliSearchEngine) : undefined;
  try {
    const driver = neo4j.driver(bench.local.uri);
    const loadStart = Date.now();
    for (let from = 0; from < ARTICLES; from += 5000) {
      const rows = Array.from({ length: Math.min(5000, ARTICLES - from) }, (_, j) =>
        article(from + j),
      );
      await driver.executeQuery(
        `UNWIND $rows AS row CREATE (k:Entity:KnownError) SET k = row, k.version = 1,
           k.createdAt = datetime(), k.updatedAt = datetime()`,
        { rows },
      );
    }
    await driver.executeQuery('CALL db.awaitIndexes(600)');
    await waitForQuietNeo4j(bench);
    if (engine) {
      // The articles were written past the outbox: a reindex fills the engine's index.
      const { index } = await reindex(engine.meili, app.executor, meiliIndex);
      if (index !== meiliIndex) throw new Error(`reindex swapped in ${index}`);
    }
    const loadSeconds = (Date.now() - loadStart) / 1000;
    await driver.close();

    const post = async (query: string, variables: Record<string, unknown>) => {
      const t0 = performance.now();
      const res = await fetch(app.url, {
        method: 'POST',
        headers: benchHeaders,
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { errors?: unknown; data?: any };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return { ms: performance.now() - t0, data: body.data };
    };
    const SEARCH = `query($q: String!) { searchKnowledge(query: $q, first: 10) { totalHits hits { score knownError { id number title } highlights { field snippet } } } }`;
    const LOOKUP = `query($n: String!) { knownError(number: $n) { id number title } }`;
    const search: number[] = [];
    const long: number[] = [];
    const byLanguage: Record<'zh' | 'en', number[]> = { zh: [], en: [] };
    const lookup: number[] = [];
    let hits = 0;
    // The same workload twice: the first pass warms both JITs (Neo4j's and Node's) and is
    // discarded, so the figures are those of a service that has been running.
    for (const measured of [false, true]) {
      for (let i = 0; i < RUNS; i++) {
        const q = QUERIES[i % QUERIES.length]!;
        const r = await post(SEARCH, { q });
        const l = await post(LOOKUP, { n: articleNumber(1 + rand(ARTICLES)) });
        const s = await post(SEARCH, { q: LONG_QUERIES[i % LONG_QUERIES.length]!.query });
        if (!measured) continue;
        long.push(s.ms);
        search.push(r.ms);
        byLanguage[/\p{Script=Han}/u.test(q) ? 'zh' : 'en'].push(r.ms);
        hits += r.data.searchKnowledge.totalHits;
        lookup.push(l.ms);
      }
    }
    console.log(
      JSON.stringify({
        engine: engine ? 'meilisearch' : 'neo4j',
        articles: ARTICLES,
        loadSeconds,
        runs: RUNS,
        searchMs: p50p95(search),
        chineseMs: p50p95(byLanguage.zh),
        englishMs: p50p95(byLanguage.en),
        longQueryMs: p50p95(long),
        baselineLookupMs: p50p95(lookup),
        meanTotalHits: Math.round(hits / RUNS),
      }),
    );
  } finally {
    await engine?.meili.deleteIndexIfExists(meiliIndex);
    await stopBench(bench, app);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
