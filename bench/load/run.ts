/**
 * Load benchmark (issue 6): a mixed workload (catalog page, CI detail, impact analysis, knowledge
 * search) from autocannon at 50 connections for 60 s against the service on a fresh
 * tools/neo4j-local with the demo CMDB and knowledge base, in token mode with an API key.
 * Usage: npm run bench:load [-- SECONDS CONNECTIONS]. Prints a JSON summary; any error fails it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { hashApiKey } from '../../src/modules/access/api-keys.js';
import { benchApp, benchNeo4j, stopBench } from '../support.js';

const SECONDS = Number(process.argv[2] ?? 60);
const CONNECTIONS = Number(process.argv[3] ?? 50);
const KEY = 'egk_load-benchmark-key-0123456789abcdefghijklmnop';

const gql = (query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ query, variables });

/** The workload: each connection cycles through these, so each kind gets a quarter of requests. */
const WORKLOAD = [
  gql(`{ services(first: 20, filter: { status: [LIVE] }) { totalCount edges { node { id name category
    provider { name } sla { availabilityTarget indicators { name target unit } } consumers { name } } } } }`),
  gql(
    `query($id: ID!) { configurationItem(id: $id) { id name ciClass status warrantyStatus
      owner { name } supplier { name } dependencies(first: 10) { edges { kind strength node { id name } } }
      dependents(first: 10) { totalCount } knownErrors { number title } } }`,
    { id: 'db-ss-oracle' },
  ),
  gql(
    `query($f: [ID!]!) { impactAnalysis(input: { failed: $f }) {
      summary { servicesDown servicesDegraded componentsDown departmentsAffected truncated }
      services(first: 50) { service { id name } state distance } } }`,
    { f: ['core-ext-1', 'core-ext-2'] },
  ),
  gql(
    `query($q: String!) { searchKnowledge(query: $q, first: 10) { totalHits
      hits { score knownError { number title } highlights { field snippet } } } }`,
    { q: '打印机 无法连接' },
  ),
  gql(`{ serviceCatalog { category services { id name } } }`),
  gql(
    `query($id: ID!) { configurationItem(id: $id) { id name dependencies(first: 20) { edges { node { id name } } } } }`,
    { id: 'app-ss-card' },
  ),
  gql(
    `query($f: [ID!]!) { impactAnalysis(input: { failed: $f }) {
      summary { servicesDown componentsDegraded } absorbed { group { id } membersDown } } }`,
    { f: ['pwr-room-a-feed1'] },
  ),
  gql(
    `query($q: String!) { searchKnowledge(query: $q, first: 10) { totalHits hits { knownError { number } } } }`,
    { q: 'certificate expired' },
  ),
];

async function main() {
  const bench = await benchNeo4j('load', { heap: '2g', pageCache: '512m' });
  const keys = path.join(bench.dir, 'api-keys.json');
  writeFileSync(keys, JSON.stringify([{ id: 'load', hash: hashApiKey(KEY), roles: ['VIEWER'] }]));
  const app = await benchApp(bench, { SEED_DEMO: 'true', AUTH_MODE: 'token', API_KEYS_FILE: keys });
  let graphqlErrors = 0;
  const latencies: number[] = [];
  try {
    await app.services.impact.topologyIndex!.rebuild();
    let finish: (r: autocannon.Result) => void = () => undefined;
    let fail: (e: unknown) => void = () => undefined;
    const done = new Promise<autocannon.Result>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const instance = autocannon(
      {
        url: app.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: WORKLOAD.map((body) => ({
          method: 'POST' as const,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          body,
          onResponse: (status: number, responseBody: string) => {
            if (status !== 200 || responseBody.includes('"errors"')) graphqlErrors += 1;
          },
        })),
      },
      (err, result) => (err ? fail(err) : finish(result)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
      latencies.push(ms),
    );
    const result = await done;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      +latencies[Math.floor((p / 100) * (latencies.length - 1))]!.toFixed(1);
    const summary = {
      seconds: SECONDS,
      connections: CONNECTIONS,
      requests: result.requests.total,
      throughputPerSecond: +result.requests.average.toFixed(1),
      latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: pct(100) },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      graphqlErrors,
    };
    console.log(JSON.stringify(summary));
    if (result.errors + result.timeouts + result.non2xx + graphqlErrors > 0) process.exitCode = 1;
  } finally {
    await stopBench(bench, app);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
