/**
 * Where a small impact analysis's time goes (issue 4): in one process, on a generated estate
 * imported into a fresh tools/neo4j-local, the p50 and p95 of a trivial HTTP request (through
 * `fetch` and `http.request`), the topology version check, `analyze()` called directly, and the
 * benchmark's whole request, interleaved. BENCH_IDLE_MS pauses before each call (the benchmark's
 * CTE runs between two of ours; on this VM a process that idled a few ms wakes slowly).
 * Usage: node --import tsx bench/impact/breakdown.ts [CIS] [FAILED_ID]   (after `npm run build`
 * and `npm run gen -- --cis CIS --out bench/data/estate-CIS`). BENCH_RUNS: calls of each kind.
 */
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { createLoaders, type App } from '../../src/main.js';
import { DEPENDENCY_KINDS } from '../../src/modules/cmdb/models.js';
import {
  benchApp,
  benchNeo4j,
  graphqlClient,
  importEstate,
  p50p95,
  stopBench,
  waitForQuietNeo4j,
  benchHeaders,
} from '../support.js';
import { IMPACT_QUERY } from './report-query.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 0);
async function main() {
  const cis = Number(process.argv[2] ?? 100000);
  const failed = process.argv[3] ?? 'g-app-385';
  const bench = await benchNeo4j('breakdown', { heap: '3g', pageCache: '3g' });
  let app: App | undefined;
  let client: ReturnType<typeof graphqlClient> | undefined;
  try {
    importEstate(bench, path.resolve(`bench/data/estate-${cis}`));
    app = await benchApp(bench);
    await waitForQuietNeo4j(bench);
    await app.services.impact.topologyIndex!.rebuild();
    const graphqlUrl = app.url;
    client = graphqlClient(graphqlUrl);
    const viaHttp = client.post;
    const viaFetch = async (body: string) =>
      (
        await fetch(graphqlUrl, {
          method: 'POST',
          headers: benchHeaders,
          body,
        })
      ).text();
    const tiny = JSON.stringify({ query: '{ __typename }' });
    const full = JSON.stringify({ query: IMPACT_QUERY, variables: { i: { failed: [failed] } } });
    const actor = { id: 'bench', roles: ['ADMIN'] };
    const { services, executor } = app;
    const { impact } = services;
    const caller = () => ({ actor, requestId: null, loaders: createLoaders(executor, services) });
    const version = impact.topologyIndex!.latest!.version;
    const cases: Record<string, () => Promise<unknown>> = {
      'fetch { __typename }': () => viaFetch(tiny),
      'http.request { __typename }': () => viaHttp(tiny),
      // The check an analysis makes, for a copy that is current.
      'version check': () =>
        executor.read('impact/topology-check', {
          since: neo4j.int(version),
          maxVersions: neo4j.int(1000),
          maxIds: neo4j.int(20000),
          kinds: DEPENDENCY_KINDS,
        }),
      'analyze()': () => impact.analyze(caller(), { failed: [failed] }),
      'fetch impactAnalysis': () => viaFetch(full),
      'http.request impactAnalysis': () => viaHttp(full),
    };
    let times: Record<string, number[]> = {};
    // The first pass warms both JITs and is discarded.
    for (let pass = 0; pass < 2; pass++) {
      times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
      for (let r = 0; r < RUNS; r++)
        for (const [name, call] of Object.entries(cases)) {
          if (IDLE_MS > 0) await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
          const t = performance.now();
          await call();
          times[name]!.push(performance.now() - t);
        }
    }
    const rows = Object.entries(times).map(([name, xs]) => ({ name, ...p50p95(xs, 2) }));
    console.log(JSON.stringify({ cis, failed, idleMs: IDLE_MS, runs: RUNS, rows }));
  } finally {
    client?.close();
    await stopBench(bench, app);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
