/**
 * bench:reports (issue 20): the reports on a generated estate (default 1,000,000 CIs;
 * `npm run bench:reports -- 100000`), over HTTP, p50/p95 over BENCH_RUNS (default 5) runs each,
 * beside a baseline in the same run (the count of every CI, `configurationItems(first: 0)`, the
 * cheapest question that still reads the whole estate). Budgets: assetSummary by department and
 * by class, warrantyForecast and budgetEstimate under 2 s, dataQuality under 5 s. Then the XLSX
 * of the class summary, with the service's peak RSS while it streams, and each report's Cypher
 * plan: the operators that read the graph (which indexes serve them). The reports answer from the
 * asset ledger of the topology index (reports/ledger.ts) once it is built: the run builds it
 * first and records how long that takes and the memory it holds; the plans are of the Cypher
 * the reports fall back to while it is not current.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../../src/main.js';
import {
  benchApp,
  benchHeaders,
  benchNeo4j,
  graphqlClient,
  importEstate,
  p50p95,
  stopBench,
  waitForQuietNeo4j,
} from '../support.js';

const cis = Number(process.argv[2] ?? 1000000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const QUERIES: Record<string, string> = {
  baselineCount: `{ configurationItems(first: 0) { totalCount } }`,
  assetSummaryDepartment: `{ assetSummary(groupBy: DEPARTMENT) { key count originalValue expired } }`,
  assetSummaryClass: `{ assetSummary(groupBy: CI_CLASS) { key count originalValue expired } }`,
  warrantyForecast: `{ warrantyForecast(months: 12) { months { month count originalValue } alreadyExpired { count } } }`,
  budgetEstimate: `{ budgetEstimate(year: 2027, input: { dayRate: 1200 }) { totals { units ratioMethod labourMethod spares } byClass { key } byDepartment { key } } }`,
  dataQuality: `{ dataQuality { checks { check total failing } } }`,
};
/** The Cypher twins the reports fall back to while the ledger is not current. */
const CYPHER = [
  'asset-summary',
  'warranty-forecast',
  'budget-base',
  'data-quality-cis',
  'data-quality-catalog',
];

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const estate = path.resolve(`bench/data/estate-${cis}`);
if (!existsSync(path.join(estate, 'configuration-items.csv')))
  execFileSync('node', ['dist/src/cli/generate.js', '--cis', String(cis), '--out', estate], {
    stdio: 'inherit',
  });
const bench = await benchNeo4j('reports', { heap: '6g', pageCache: '4g' });
let app: App | undefined;
try {
  const t0 = performance.now();
  importEstate(bench, estate);
  const importSeconds = +((performance.now() - t0) / 1000).toFixed(1);
  app = await benchApp(bench);
  await waitForQuietNeo4j(bench, 300);
  // The reports read the asset ledger the topology index carries: built once (as the first
  // analysis or report after a start would), then kept current by patches.
  const rssBeforeIndex = rssMb(process.pid);
  const tIndex = performance.now();
  await app.services.impact.topologyIndex!.rebuild();
  const index = {
    buildMs: Math.round(performance.now() - tIndex),
    rssBeforeMb: Math.round(rssBeforeIndex),
    rssAfterMb: Math.round(rssMb(process.pid)),
  };
  const client = graphqlClient(app.url);
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(QUERIES).map((k) => [k, []]),
  );
  const answers: Record<string, unknown> = {};
  // Interleaved, so that a noisy moment touches every measure alike; the first round warms up.
  for (let r = 0; r < RUNS + 1; r++)
    for (const [name, query] of Object.entries(QUERIES)) {
      const t = performance.now();
      const body = JSON.parse(await client.post(JSON.stringify({ query })));
      if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
      if (r > 0) times[name]!.push(performance.now() - t);
      answers[name] = body.data;
    }
  client.close();

  // The XLSX of the class summary, streamed: the service's peak RSS while it writes.
  const base = app.url.replace(/\/graphql$/, '');
  const before = rssMb(process.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(process.pid))), 20);
  const tx = performance.now();
  const res = await fetch(`${base}/reports/assetSummary.xlsx?groupBy=CI_CLASS&lang=zh`, {
    headers: { authorization: benchHeaders.authorization },
  });
  if (res.status !== 200) throw new Error(`the XLSX download answered ${res.status}`);
  const bytes = (await res.arrayBuffer()).byteLength;
  const xlsxMs = +(performance.now() - tx).toFixed(1);
  clearInterval(sampler);

  // The plans: the operators that find the rows each report reads.
  const session = app.driver.session();
  const plans: Record<string, string[]> = {};
  try {
    for (const name of CYPHER) {
      const text = readFileSync(path.resolve('cypher/reports', `${name}.cypher`), 'utf8');
      const params = {
        groupBy: 'CI_CLASS',
        classes: null,
        status: null,
        environment: null,
        criticality: null,
        ownerId: null,
        supplierId: null,
        nameContains: null,
        tag: null,
        warrantyExpiresBefore: null,
        lookup: null,
        today: '2026-12-02',
        soon: '2027-03-02',
        until: '2027-12-01',
        sample: 20,
      };
      const { summary } = await session.run(`EXPLAIN ${text}`, params);
      const ops: string[] = [];
      const walk = (p: {
        operatorType: string;
        arguments: Record<string, unknown>;
        children: unknown[];
      }) => {
        if (/Scan|Seek|Index/.test(p.operatorType))
          ops.push(
            `${p.operatorType.replace(/@.*/, '')} ${String(p.arguments.Details ?? '').slice(0, 90)}`,
          );
        p.children.forEach((c) => walk(c as never));
      };
      walk(summary.plan as never);
      plans[name] = ops;
    }
  } finally {
    await session.close();
  }
  const summary = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, p50p95(v)]));
  console.log(
    JSON.stringify(
      {
        cis,
        importSeconds,
        index,
        ms: summary,
        ratioToBaseline: Object.fromEntries(
          Object.entries(summary).map(([k, v]) => [
            k,
            +(v.p50 / summary.baselineCount!.p50).toFixed(2),
          ]),
        ),
        xlsx: { ms: xlsxMs, bytes, rssBeforeMb: +before.toFixed(0), rssPeakMb: +peak.toFixed(0) },
        plans,
        sample: {
          classes: (answers.assetSummaryClass as { assetSummary: unknown[] }).assetSummary.length,
          budget: (answers.budgetEstimate as { budgetEstimate: { totals: unknown } }).budgetEstimate
            .totals,
        },
      },
      null,
      1,
    ),
  );
} finally {
  await stopBench(bench, app);
}
