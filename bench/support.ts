// First: graphql-js must see NODE_ENV when it loads (see production.ts).
import './production.js';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startApp, type App } from '../src/main.js';
import { loadConfig } from '../src/config.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/graph/neo4j-local.js';
import { hashApiKey } from '../src/modules/access/api-keys.js';

// The benchmarks run the service from source through tsx, which turns on source-mapped stack
// traces; the service as `npm start` runs it (compiled) has none. The driver captures a stack per
// query, so leaving them on would charge every query a source-map lookup that production never pays.
process.setSourceMapsEnabled(false);

/** A benchmark's own tools/neo4j-local on a fresh temporary directory. */
export interface BenchNeo4j {
  dir: string;
  local: LocalNeo4j;
}

/** Starts tools/neo4j-local for a benchmark on a fresh directory. */
export async function benchNeo4j(
  name: string,
  memory: { heap: string; pageCache: string },
): Promise<BenchNeo4j> {
  const dir = mkdtempSync(path.join(tmpdir(), `cmdb-bench-${name}-`));
  const local = await startLocalNeo4j({
    dataDir: path.join(dir, 'neo4j'),
    logger: pino({ level: 'warn' }),
    ...memory,
  });
  return { dir, local };
}

/** The benchmarks' API key: an ADMIN, whose hash benchApp writes to the key file. */
export const BENCH_KEY = 'bench-key-0123456789abcdef0123456789abcdef';

/** The headers of a benchmark's request: JSON, and the benchmark's key. */
export const benchHeaders = {
  'content-type': 'application/json',
  authorization: `Bearer ${BENCH_KEY}`,
};

/**
 * Starts the service on it in production mode, in token mode with BENCH_KEY (production refuses
 * the development mode), unless `env` says otherwise.
 */
export function benchApp(bench: BenchNeo4j, env: Record<string, string> = {}): Promise<App> {
  const keys = path.join(bench.dir, 'bench-api-keys.json');
  writeFileSync(
    keys,
    JSON.stringify([{ id: 'bench', hash: hashApiKey(BENCH_KEY), roles: ['ADMIN'] }]),
  );
  const config = loadConfig({
    PORT: '0',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    AUTH_MODE: 'token',
    API_KEYS_FILE: keys,
    AUTH_MAX_FAILURES: '100000',
    AUDIT_LOG: path.join(bench.dir, 'audit.log'),
    AUDIT_STDOUT: 'false',
    ...env,
  });
  return startApp(config, bench.local.uri, pino({ level: 'warn' }));
}

/**
 * A GraphQL client over one keep-alive connection, through `http.request`: the lean client the
 * impact benchmark measures the service with (as node-postgres is for the baseline; `fetch` costs
 * 0.2-0.5 ms more per request here). `post` resolves to the response body's text.
 */
export function graphqlClient(graphqlUrl: string) {
  const url = new URL(graphqlUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: string) =>
    new Promise<string>((resolve, reject) => {
      const headers = { ...benchHeaders, 'content-length': Buffer.byteLength(body) };
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers },
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
  return { post, close: () => agent.destroy() };
}

/** A sample's p50 and p95, rounded to `digits` decimals (as the benchmarks' JSON reports them). */
export function p50p95(xs: number[], digits = 1): { p50: number; p95: number } {
  return { p50: +percentile(xs, 50).toFixed(digits), p95: +percentile(xs, 95).toFixed(digits) };
}

/** The p-th percentile of a sample (nearest rank, from below). */
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Imports a generated estate's directory into the benchmark's Neo4j through the import CLI. */
export function importEstate(bench: BenchNeo4j, dir: string): void {
  const imported = spawnSync('node', ['dist/src/cli/import.js', dir], {
    env: { ...process.env, NEO4J_URI: bench.local.uri, NODE_OPTIONS: '--max-old-space-size=16000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (imported.status !== 0) throw new Error(`the import of ${dir} failed`);
}

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Waits until Neo4j has finished what a bulk load leaves behind (index merges, flushes, GC),
 * so that a benchmark measures a database in its steady state: until it uses less than a tenth
 * of a core over two seconds, for at most `maxSeconds`.
 */
export async function waitForQuietNeo4j(bench: BenchNeo4j, maxSeconds = 120): Promise<void> {
  const deadline = Date.now() + maxSeconds * 1000;
  while (Date.now() < deadline) {
    const before = cpuSeconds(bench.local.pid);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if (cpuSeconds(bench.local.pid) - before < 0.2) return;
  }
}

/** Stops the service and Neo4j and removes the directory. */
export async function stopBench(bench: BenchNeo4j, app: App | undefined): Promise<void> {
  await app?.close();
  await bench.local.stop();
  rmSync(bench.dir, { recursive: true, force: true });
}
