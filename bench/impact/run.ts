/**
 * Impact benchmark (issue 4): for synthetic estates from the generator, p50/p95 latency of
 * `impactAnalysis` over HTTP (summary and the first 50 services) for failures whose blast radius
 * is about 1k, 20k and 200k components; in the same run, the relational baseline: PostgreSQL 15
 * (Debian's package, started here) with the same edges in one table, computing only the set of
 * transitively dependent components with a recursive CTE. Two instances of the service answer
 * side by side on the same Neo4j: one as configured by default (every analysis reads the topology
 * version) and one with IMPACT_INDEX_MAX_AGE_MS=BENCH_MAX_AGE_MS (default 1000), asked through
 * one keep-alive connection each (`http.request`). Four passes per failure: ours and the baseline
 * alternating request by request; this machine's floor (the smallest HTTP request, and the
 * smallest that reads Neo4j once) alternating with the baseline the same way; each side as a
 * steady stream (back to back, in blocks); and ours right after a write (each instance catching
 * its copy up), beside the walk over Neo4j that an analysis falls back to while a copy is read in
 * full.
 * Usage: npm run bench:impact [-- CIS ...]   (default 100000 1000000). Prints one JSON line per size.
 * Needs `npm run build` (for the generator and import CLIs) and postgresql-15.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TopologyIndex } from '../../src/modules/impact/topology-index.js';
import { createLoaders, type App } from '../../src/main.js';
import { GraphWalkSource } from '../../src/modules/impact/graph-walk.js';
import { ImpactService } from '../../src/modules/impact/service.js';
import {
  benchApp,
  benchNeo4j,
  graphqlClient,
  importEstate,
  p50p95,
  stopBench,
  waitForQuietNeo4j,
} from '../support.js';
import { IMPACT_QUERY } from './report-query.js';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const PG_PORT = 5499;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const TARGETS = [1000, 20000, 200000];
const MAX_AGE_MS = process.env.BENCH_MAX_AGE_MS ?? '1000';
/** The Neo4j walk of a large blast radius takes seconds: it runs fewer times. */
const WALK_RUNS = Number(process.env.BENCH_WALK_RUNS ?? 5);

type Stats = ReturnType<typeof p50p95>;

/** The baseline's p50 and p95 over another side's: how many times faster that side is. */
const speedup = (baseline: Stats, side: Stats) => [
  +(baseline.p50 / side.p50).toFixed(1),
  +(baseline.p95 / side.p95).toFixed(1),
];

/** A side-by-side of the two modes against the baseline. */
const ratios = (ours: Stats, bounded: Stats, baseline: Stats) => ({
  oursMs: ours,
  boundedMs: bounded,
  postgresMs: baseline,
  speedup: speedup(baseline, ours),
  boundedSpeedup: speedup(baseline, bounded),
});

/** The floor's requests against the baseline: the most an answer over HTTP could reach here. */
const ceilings = (http: Stats, read: Stats, baseline: Stats) => ({
  httpMs: http,
  neo4jReadMs: read,
  postgresMs: baseline,
  anyAnswer: speedup(baseline, http),
  exactAnswer: speedup(baseline, read),
});

/** Components that depend on `start` transitively, through any edge (what the CTE computes). */
function dependents(index: TopologyIndex, start: number, cap: number): number[] {
  const seen = new Uint8Array(index.size);
  seen[start] = 1;
  const queue = [start];
  for (let i = 0; i < queue.length && queue.length < cap; i++) {
    index.forEachIncoming(queue[i]!, (from) => {
      if (!seen[from]) {
        seen[from] = 1;
        queue.push(from);
      }
    });
  }
  return queue;
}

/**
 * Two CIs that nothing depends on and that no failure reaches: an edge toggled between them, the
 * write of the after-a-write pass, changes no report the benchmark asks for.
 */
function pickBystanders(index: TopologyIndex, failures: { id: string }[]): [string, string] {
  const reached = new Set(failures.flatMap((f) => dependents(index, index.find(f.id)!, 400000)));
  const free: string[] = [];
  for (let n = 0; n < index.size && free.length < 2; n++) {
    let dependentsOf = 0;
    index.forEachIncoming(n, () => (dependentsOf += 1));
    if (dependentsOf === 0 && !reached.has(n) && !index.isService(n) && !index.retired(n))
      free.push(index.idOf(n));
  }
  return [free[0]!, free[1]!];
}

/** For each target size, the sampled component whose dependents count is closest to it. */
function pickFailures(index: TopologyIndex): { id: string; dependents: number }[] {
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const inDegree = (n: number) => {
    let d = 0;
    index.forEachIncoming(n, () => (d += 1));
    return d;
  };
  const candidates = new Set<number>();
  for (let i = 0; candidates.size < 400 && i < 200000; i++) {
    const n = rand(index.size);
    if (!index.isService(n) && (inDegree(n) > 1 || candidates.size < 200)) candidates.add(n);
  }
  const sized = [...candidates].map((n) => ({ n, size: dependents(index, n, 400000).length }));
  return TARGETS.map((target) => {
    const best = sized.reduce((a, b) =>
      Math.abs(Math.log(b.size / target)) < Math.abs(Math.log(a.size / target)) ? b : a,
    );
    return { id: index.idOf(best.n), dependents: best.size };
  });
}

async function startPostgres(edgesCsv: string) {
  if (!existsSync(`${PG_BIN}/postgres`))
    throw new Error('PostgreSQL 15 is missing: apt-get install -y postgresql-15');
  const dir = mkdtempSync(path.join(tmpdir(), 'cmdb-bench-pg-'));
  chmodSync(dir, 0o777);
  const asPostgres = (cmd: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${cmd}`, ...args], {
      stdio: 'pipe',
    });
  const data = path.join(dir, 'data');
  asPostgres('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8']);
  asPostgres('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-p ${PG_PORT} -k ${dir} -c shared_buffers=2GB -c work_mem=256MB -c max_parallel_workers_per_gather=2`,
    '-w',
    'start',
  ]);
  const psql = (sql: string) =>
    execFileSync('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(PG_PORT),
      '-U',
      'postgres',
      '-q',
      '-c',
      sql,
    ]);
  const t0 = Date.now();
  psql('CREATE TABLE edges (from_id text NOT NULL, to_id text NOT NULL, kind text, strength text)');
  psql(`\\copy edges FROM '${edgesCsv}' WITH (FORMAT csv, HEADER true)`);
  psql('CREATE INDEX edges_to ON edges (to_id); ANALYZE edges');
  const loadSeconds = (Date.now() - t0) / 1000;
  const client = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres' });
  await client.connect();
  return {
    loadSeconds,
    client,
    stop: async () => {
      await client.end();
      asPostgres('pg_ctl', ['-D', data, '-m', 'fast', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const CTE = `WITH RECURSIVE dependents(id) AS (
  SELECT $1::text
  UNION
  SELECT e.from_id FROM edges e JOIN dependents d ON e.to_id = d.id
) SELECT count(*)::int AS n FROM dependents`;

async function benchSize(cis: number) {
  const estate = path.resolve(`bench/data/estate-${cis}`);
  if (!existsSync(path.join(estate, 'dependencies.csv')))
    execFileSync('node', ['dist/src/cli/generate.js', '--cis', String(cis), '--out', estate], {
      stdio: 'inherit',
    });
  const heap = process.env.BENCH_NEO4J_HEAP ?? '6g';
  const bench = await benchNeo4j('impact', { heap, pageCache: heap });
  // Whatever fails, the databases and both instances it got to are stopped.
  let app: App | undefined;
  let bounded: App | undefined;
  let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let closeClients = () => {};
  try {
    importEstate(bench, estate);
    app = await benchApp(bench);
    bounded = await benchApp(bench, { IMPACT_INDEX_MAX_AGE_MS: MAX_AGE_MS });
    postgres = await startPostgres(path.join(estate, 'dependencies.csv'));
    await waitForQuietNeo4j(bench);
    global.gc?.();
    const before = process.memoryUsage();
    const t0 = Date.now();
    await app.services.impact.topologyIndex!.rebuild();
    const indexSeconds = (Date.now() - t0) / 1000;
    global.gc?.();
    const after = process.memoryUsage();
    await bounded.services.impact.topologyIndex!.rebuild();
    const index = (await app.services.impact.topologyIndex!.current())!;
    const failures = pickFailures(index);
    const [from, to] = pickBystanders(index, failures);
    const clients = { default: graphqlClient(app.url), bounded: graphqlClient(bounded.url) };
    closeClients = () => Object.values(clients).forEach((c) => c.close());
    const post = async (failed: string, which: keyof typeof clients = 'default') => {
      const t = performance.now();
      const text = await clients[which].post(
        JSON.stringify({ query: IMPACT_QUERY, variables: { i: { failed: [failed] } } }),
      );
      const body = JSON.parse(text) as { errors?: unknown; data?: any };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return { ms: performance.now() - t, summary: body.data.impactAnalysis.summary };
    };
    const cte = async (failed: string) => {
      const t = performance.now();
      const n = (await postgres!.client.query(CTE, [failed])).rows[0].n as number;
      return { ms: performance.now() - t, n };
    };
    /** The floor pass's requests for a failure (see there), and one of them, timed. */
    const floorQueries = (id: string): [string, string] => [
      '{ __typename }',
      `{ node(id: "${id}") { id } }`,
    ];
    const bare = async (query: string) => {
      const t = performance.now();
      const body = JSON.parse(await clients.default.post(JSON.stringify({ query }))) as {
        errors?: unknown;
      };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return performance.now() - t;
    };
    // Both sides warm up alike, on every failure before any is measured: JIT-compiled code paths
    // and cached plans, as in a service that has been running, not a cold first call.
    for (let w = 0; w < WARMUP; w++) {
      for (const f of failures) {
        await post(f.id);
        await post(f.id, 'bounded');
        await cte(f.id);
        for (const query of floorQueries(f.id)) await bare(query);
      }
    }
    const rows = [];
    for (const f of failures) {
      const ours: number[] = [];
      const oursBounded: number[] = [];
      const baseline: number[] = [];
      let summary: any;
      let closure = 0;
      for (let r = 0; r < RUNS; r++) {
        // The two instances take turns going first: the one right after another request finds
        // the machine warmer (on this VM, a process that idled a few ms wakes up slower).
        const boundedFirst = r % 2 === 1;
        const c0 = boundedFirst ? await post(f.id, 'bounded') : undefined;
        const a = await post(f.id);
        const c = c0 ?? (await post(f.id, 'bounded'));
        ours.push(a.ms);
        summary = a.summary;
        oursBounded.push(c.ms);
        if (JSON.stringify(c.summary) !== JSON.stringify(a.summary))
          throw new Error(`the two instances disagree on ${f.id}`);
        const b = await cte(f.id);
        closure = b.n;
        baseline.push(b.ms);
      }
      // Then this machine's floor, in the same places as the two instances' requests above: the
      // smallest HTTP request (`{ __typename }`), and the smallest one that reads Neo4j once
      // (`node(id)`: one auto-commit read, what an exact analysis makes at least to learn that its
      // copy is current). The baseline over each is the most any analysis over HTTP could reach
      // here, and the most any exact one could.
      const floor = { http: [] as number[], read: [] as number[], baseline: [] as number[] };
      const [httpQuery, readQuery] = floorQueries(f.id);
      for (let r = 0; r < RUNS; r++) {
        const readFirst = r % 2 === 1;
        const read0 = readFirst ? await bare(readQuery) : undefined;
        floor.http.push(await bare(httpQuery));
        floor.read.push(read0 ?? (await bare(readQuery)));
        floor.baseline.push((await cte(f.id)).ms);
      }
      // Then each side as a steady stream: RUNS requests back to back, the sides taking turns in
      // blocks, so that no request follows the other side's (and its own process's idle wait).
      const steady = { ours: [] as number[], bounded: [] as number[], baseline: [] as number[] };
      for (let block = 0; block < 2; block++) {
        for (let r = 0; r < RUNS / 2; r++) steady.ours.push((await post(f.id)).ms);
        for (let r = 0; r < RUNS / 2; r++) steady.bounded.push((await post(f.id, 'bounded')).ms);
        for (let r = 0; r < RUNS / 2; r++) steady.baseline.push((await cte(f.id)).ms);
      }
      // Then right after a write: the other instance toggles an edge between two bystanders, and
      // the default instance's next analysis finds its copy one version behind and catches it up
      // from the change record (two more reads and a patch). The bounded instance's own toggle is
      // seen by its next analysis the same way. Before session 7 a copy behind was read again in
      // full, and meanwhile every analysis walked Neo4j: that walk is timed too, in-process.
      const afterWrite = { ours: [] as number[], bounded: [] as number[], walk: [] as number[] };
      const toggle = (which: keyof typeof clients, add: boolean) =>
        clients[which].post(
          JSON.stringify({
            query: add
              ? `mutation { addDependency(input: { fromId: "${from}", toId: "${to}", kind: CONNECTS_TO, strength: SOFT }) { kind } }`
              : `mutation { removeDependency(fromId: "${from}", toId: "${to}", kind: CONNECTS_TO) }`,
          }),
        );
      const walker = new ImpactService(app.executor, new GraphWalkSource(app.executor));
      const actor = { id: 'bench', roles: ['VIEWER'] };
      for (let r = -5; r < RUNS; r++) {
        // (The first five pairs warm the write and catch-up paths up, unmeasured.)
        await toggle('bounded', true);
        const a = await post(f.id);
        await toggle('bounded', false);
        const c = await post(f.id, 'bounded');
        for (const x of [a, c])
          if (JSON.stringify(x.summary) !== JSON.stringify(summary))
            throw new Error(`the summary of ${f.id} changed after a write`);
        if (r < 0) continue;
        afterWrite.ours.push(a.ms);
        afterWrite.bounded.push(c.ms);
        if (r < WALK_RUNS) {
          const t = performance.now();
          const loaders = createLoaders(app.executor, app.services);
          const walked = await walker.analyze(
            { actor, requestId: null, loaders },
            { failed: [f.id] },
          );
          afterWrite.walk.push(performance.now() - t);
          if (
            walked.source !== 'graph' ||
            walked.componentsDegraded + walked.componentsDown !==
              a.summary.componentsDown + a.summary.componentsDegraded
          )
            throw new Error(`the Neo4j walk of ${f.id} disagrees`);
        }
      }
      const o = p50p95(ours);
      const ob = p50p95(oursBounded);
      const b = p50p95(baseline);
      rows.push({
        failed: f.id,
        dependents: closure,
        impacted: summary.componentsDown + summary.componentsDegraded,
        servicesDown: summary.servicesDown,
        oursMs: o,
        postgresMs: b,
        speedupP50: +(b.p50 / o.p50).toFixed(1),
        speedupP95: +(b.p95 / o.p95).toFixed(1),
        boundedMs: ob,
        boundedSpeedupP50: +(b.p50 / ob.p50).toFixed(1),
        boundedSpeedupP95: +(b.p95 / ob.p95).toFixed(1),
        floor: ceilings(p50p95(floor.http), p50p95(floor.read), p50p95(floor.baseline)),
        steady: ratios(p50p95(steady.ours), p50p95(steady.bounded), p50p95(steady.baseline)),
        afterWrite: {
          oursMs: p50p95(afterWrite.ours),
          boundedMs: p50p95(afterWrite.bounded),
          neo4jWalkMs: p50p95(afterWrite.walk),
        },
      });
    }
    console.log(
      JSON.stringify({
        cis: cis,
        components: index.size,
        edges: index.edgeCount,
        indexSeconds,
        indexHeapMb: Math.round(
          (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1e6,
        ),
        rssMb: Math.round(after.rss / 1e6),
        postgresLoadSeconds: postgres.loadSeconds,
        runs: RUNS,
        boundedMaxAgeMs: Number(MAX_AGE_MS),
        rows,
      }),
    );
  } finally {
    closeClients();
    await postgres?.stop();
    await bounded?.close();
    await stopBench(bench, app);
  }
}

async function main() {
  const sizes = process.argv.slice(2).map(Number);
  for (const cis of sizes.length > 0 ? sizes : [100000, 1000000]) await benchSize(cis);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
