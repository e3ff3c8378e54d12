/**
 * Where a small impact analysis's time goes (issue 4): in one process, on a generated estate
 * imported into a fresh tools/neo4j-local, the p50 and p95 of a trivial HTTP request (through
 * `fetch` and `http.request`), the topology version read, `analyze()` called directly, and the
 * benchmark's whole request, interleaved. BENCH_IDLE_MS pauses before each call (the benchmark's
 * CTE runs between two of ours; on this VM a process that idled a few ms wakes slowly).
 * Usage: node --import tsx bench/impact/breakdown.ts [CIS] [FAILED_ID]   (after `npm run build`
 * and `npm run gen -- --cis CIS --out bench/data/estate-CIS`). BENCH_RUNS: calls of each kind.
 */
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createLoaders } from '../../src/loaders.js';
import { benchApp, benchNeo4j, stopBench, waitForQuietNeo4j } from '../support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 0);
const QUERY = `query($i: ImpactAnalysisInput!) { impactAnalysis(input: $i) {
  summary { servicesDown servicesDegraded componentsDown componentsDegraded departmentsAffected truncated }
  services(first: 50) { service { id name } state distance } } }`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2);
};

async function main() {
  const cis = Number(process.argv[2] ?? 100000);
  const failed = process.argv[3] ?? 'g-app-385';
  const bench = await benchNeo4j('breakdown', { heap: '3g', pageCache: '3g' });
  const imported = spawnSync(
    'node',
    ['dist/src/cli/import.js', path.resolve(`bench/data/estate-${cis}`)],
    {
      env: {
        ...process.env,
        NEO4J_URI: bench.local.uri,
        NODE_OPTIONS: '--max-old-space-size=16000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (imported.status !== 0) throw new Error('import failed');
  const app = await benchApp(bench);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await waitForQuietNeo4j(bench);
    await app.services.impact.topologyIndex!.rebuild();
    const url = new URL(app.url);
    const viaHttp = (body: string) =>
      new Promise<string>((resolve, reject) => {
        const headers = {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        };
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            agent,
            headers,
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const viaFetch = async (body: string) =>
      (
        await fetch(app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      ).text();
    const tiny = JSON.stringify({ query: '{ __typename }' });
    const full = JSON.stringify({ query: QUERY, variables: { i: { failed: [failed] } } });
    const actor = { id: 'bench', roles: ['ADMIN'] };
    const { executor, impact } = app.services;
    const cases: Record<string, () => Promise<unknown>> = {
      'fetch { __typename }': () => viaFetch(tiny),
      'http.request { __typename }': () => viaHttp(tiny),
      'version read': () => executor.read('system/topology-version'),
      'analyze()': () => impact.analyze(actor, createLoaders(executor), { failed: [failed] }),
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
    const rows = Object.entries(times).map(([name, xs]) => ({
      name,
      p50: pct(xs, 50),
      p95: pct(xs, 95),
    }));
    console.log(JSON.stringify({ cis, failed, idleMs: IDLE_MS, runs: RUNS, rows }));
  } finally {
    agent.destroy();
    await stopBench(bench, app);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
