/**
 * bench:peer (issue 23): everyday reads of this service against the Neo4j GraphQL Library
 * (`@neo4j/graphql` 7, type definitions in bench/peer/type-defs.graphql) served by Apollo Server
 * over the same Neo4j, on the demo estate and on a generated estate (default 100,000 CIs).
 * Five reads, each asked of both alternately, request by request, sequentially over one
 * keep-alive connection each: 20 warm-up pairs, then 50 measured pairs; p50 and p95 of each, and
 * the peer's p50 over ours. The two answers of every read are compared first (same ids in the
 * same order), so that both do the same work.
 * Usage: npm run bench:peer [-- CIS]. Prints one JSON line per estate.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j, { type Driver } from 'neo4j-driver';
import type { App } from '../../src/main.js';
import {
  benchApp,
  benchNeo4j,
  graphqlClient,
  importEstate,
  p50p95,
  stopBench,
  waitForQuietNeo4j,
  type BenchNeo4j,
} from '../support.js';

const CIS = Number(process.argv[2] ?? 100000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);

/** The ids a read is asked about, chosen from the graph so that every read has work to do. */
interface Subjects {
  ci: string;
  service: string;
  ciClass: string;
  warrantyBefore: string;
}

interface Read {
  name: string;
  ours: { query: string; variables: Record<string, unknown> };
  peer: { query: string; variables: Record<string, unknown> };
  /** The ids an answer shows, in order: both answers must give the same. */
  oursIds: (data: any) => unknown;
  peerIds: (data: any) => unknown;
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

function reads(s: Subjects): Read[] {
  return [
    {
      name: 'catalog page: 20 live services with provider, SLA and consumers',
      ours: {
        query: `{ services(first: 20, filter: { status: [LIVE] }) { totalCount edges { node { id name
          category provider { id name } sla { availabilityTarget indicators { name target unit } }
          consumers { id name } } } } }`,
        variables: {},
      },
      peer: {
        query: `{ servicesConnection(first: 20, where: { status: { eq: "LIVE" } },
          sort: [{ name: ASC }, { id: ASC }]) { totalCount edges { node { id name category
          provider { id name } sla consumers(sort: [{ id: ASC }]) { id name } } } } }`,
        variables: {},
      },
      oursIds: (d) =>
        d.services.edges.map((e: any) => [
          e.node.id,
          e.node.provider?.id,
          ids(e.node.consumers).sort(),
        ]),
      peerIds: (d) =>
        d.servicesConnection.edges.map((e: any) => [
          e.node.id,
          e.node.provider[0]?.id,
          ids(e.node.consumers).sort(),
        ]),
    },
    {
      name: 'CI detail: owner, supplier, 10 dependencies, dependents count',
      ours: {
        query: `query($id: ID!) { configurationItem(id: $id) { id name ciClass status
          owner { id name } supplier { id name }
          dependencies(first: 10) { edges { node { id name } } }
          dependents { totalCount } } }`,
        variables: { id: s.ci },
      },
      peer: {
        query: `query($id: ID!) { configurationItems(where: { id: { eq: $id } }) { id name ciClass
          status owner { id name } supplier { id name } dependencies(first: 10) { id name }
          dependentsCount } }`,
        variables: { id: s.ci },
      },
      oursIds: (d) => {
        const c = d.configurationItem;
        return [
          c.owner?.id,
          c.supplier?.id,
          c.dependencies.edges.map((e: any) => e.node.id),
          c.dependents.totalCount,
        ];
      },
      peerIds: (d) => {
        const c = d.configurationItems[0];
        return [c.owner[0]?.id, c.supplier[0]?.id, ids(c.dependencies), c.dependentsCount];
      },
    },
    {
      name: 'page of 100 CIs with owner and supplier',
      ours: {
        query: `{ configurationItems(first: 100) { totalCount edges { node { id name ciClass status
          owner { id name } supplier { id name } } } } }`,
        variables: {},
      },
      peer: {
        query: `{ configurationItemsConnection(first: 100, sort: [{ name: ASC }, { id: ASC }]) {
          totalCount edges { node { id name ciClass status owner { id name }
          supplier { id name } } } } }`,
        variables: {},
      },
      oursIds: (d) =>
        d.configurationItems.edges.map((e: any) => [
          e.node.id,
          e.node.owner?.id,
          e.node.supplier?.id,
        ]),
      peerIds: (d) =>
        d.configurationItemsConnection.edges.map((e: any) => [
          e.node.id,
          e.node.owner[0]?.id,
          e.node.supplier[0]?.id,
        ]),
    },
    {
      name: "2-hop: a service's dependencies' dependencies",
      ours: {
        query: `query($id: ID!) { service(id: $id) { id name dependencies(first: 10) { edges { node {
          id name dependencies(first: 10) { edges { node { id name } } } } } } } }`,
        variables: { id: s.service },
      },
      peer: {
        query: `query($id: ID!) { services(where: { id: { eq: $id } }) { id name
          dependencies(first: 10) { id name
            ... on ConfigurationItem { dependencies(first: 10) { id name } }
            ... on Service { dependencies(first: 10) { id name } } } } }`,
        variables: { id: s.service },
      },
      oursIds: (d) =>
        d.service.dependencies.edges.map((e: any) => [
          e.node.id,
          e.node.dependencies.edges.map((x: any) => x.node.id),
        ]),
      peerIds: (d) => d.services[0].dependencies.map((n: any) => [n.id, ids(n.dependencies)]),
    },
    {
      name: 'filtered page: 50 CIs of a class with warranty expiring',
      ours: {
        query: `query($c: String!, $w: Date!) { configurationItems(first: 50,
          filter: { classIn: [$c], warrantyExpiresBefore: $w }) { totalCount edges { node {
          id name ciClass asset { warrantyExpiry } owner { id name } } } } }`,
        variables: { c: s.ciClass, w: s.warrantyBefore },
      },
      peer: {
        query: `query($c: String!, $w: Date!) { configurationItemsConnection(first: 50,
          where: { ciClass: { eq: $c }, warrantyExpiry: { lt: $w } },
          sort: [{ name: ASC }, { id: ASC }]) { totalCount edges { node { id name ciClass
          warrantyExpiry owner { id name } } } } }`,
        variables: { c: s.ciClass, w: s.warrantyBefore },
      },
      oursIds: (d) => [
        d.configurationItems.totalCount,
        ids(d.configurationItems.edges.map((e: any) => e.node)),
      ],
      peerIds: (d) => [
        d.configurationItemsConnection.totalCount,
        ids(d.configurationItemsConnection.edges.map((e: any) => e.node)),
      ],
    },
  ];
}

/** Picks the subjects: the CI and the live service with the most dependencies, a leaf class. */
async function subjects(driver: Driver): Promise<Subjects> {
  const session = driver.session();
  try {
    const kinds = '[:DEPENDS_ON|RUNS_ON|HOSTED_ON|CONNECTS_TO|LOCATED_IN|MEMBER]';
    const one = async (cypher: string) => (await session.run(cypher)).records[0]!.get(0) as string;
    const warrantyBefore = new Date(Date.now() + 365 * 86400000).toISOString().slice(0, 10);
    return {
      ci: await one(`MATCH (c:ConfigurationItem) WHERE c.status <> 'RETIRED'
        RETURN c.id ORDER BY COUNT { (c)-${kinds}->(:Component) } DESC, c.id LIMIT 1`),
      service: await one(`MATCH (s:Service {status: 'LIVE'})
        RETURN s.id ORDER BY COUNT { (s)-${kinds}->(:Component)-${kinds}->(:Component) } DESC, s.id LIMIT 1`),
      // The commonest class with warranties that has no subclass (ours includes subclasses).
      ciClass:
        await one(`MATCH (c:ConfigurationItem) WHERE c.warrantyExpiry < date('${warrantyBefore}')
        AND NOT EXISTS { (:CIClass)-[:SUBCLASS_OF]->(:CIClass {name: c.ciClass}) }
        RETURN c.ciClass, count(*) AS n ORDER BY n DESC, c.ciClass LIMIT 1`),
      warrantyBefore,
    };
  } finally {
    await session.close();
  }
}

/** The peer: the library's schema over its own driver, served by Apollo Server. */
async function startPeer(uri: string) {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'), {
    maxConnectionPoolSize: 100,
  });
  const typeDefs = readFileSync(path.join(import.meta.dirname, 'type-defs.graphql'), 'utf8');
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, driver, stop: async () => (await server.stop(), await driver.close()) };
}

function parse(text: string, who: string, read: string): any {
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (body.errors || !body.data)
    throw new Error(`${who} failed ${read}: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body.data;
}

async function measure(app: App, uri: string, label: string) {
  const peer = await startPeer(uri);
  const ours = graphqlClient(app.url);
  const theirs = graphqlClient(peer.url);
  try {
    const s = await subjects(peer.driver);
    const rows = [];
    for (const read of reads(s)) {
      const oursBody = JSON.stringify(read.ours);
      const peerBody = JSON.stringify(read.peer);
      const a = read.oursIds(parse(await ours.post(oursBody), 'ours', read.name));
      const b = read.peerIds(parse(await theirs.post(peerBody), 'peer', read.name));
      if (JSON.stringify(a) !== JSON.stringify(b))
        throw new Error(
          `different answers to ${read.name}:\n ours ${JSON.stringify(a)}\n peer ${JSON.stringify(b)}`,
        );
      const t = { ours: [] as number[], peer: [] as number[] };
      for (let i = 0; i < WARMUP + RUNS; i++) {
        for (const [who, client, body] of [
          ['ours', ours, oursBody],
          ['peer', theirs, peerBody],
        ] as const) {
          const t0 = performance.now();
          parse(await client.post(body), who, read.name);
          if (i >= WARMUP) t[who].push(performance.now() - t0);
        }
      }
      const o = p50p95(t.ours, 2);
      const p = p50p95(t.peer, 2);
      rows.push({ read: read.name, ours: o, peer: p, peerOverOurs: +(p.p50 / o.p50).toFixed(2) });
    }
    console.log(JSON.stringify({ estate: label, subjects: s, runs: RUNS, warmup: WARMUP, rows }));
    return rows;
  } finally {
    ours.close();
    theirs.close();
    await peer.stop();
  }
}

async function onEstate(label: string, load: (bench: BenchNeo4j) => Promise<App>) {
  const bench = await benchNeo4j(`peer-${label}`, { heap: '3g', pageCache: '1g' });
  let app: App | undefined;
  try {
    app = await load(bench);
    await waitForQuietNeo4j(bench, 300);
    // The topology copy the reads' read copy hangs on: built at the first read after a start (the
    // reads go to Neo4j meanwhile), here before the measures as a running service has it.
    await app.services.impact.topologyIndex!.rebuild();
    return await measure(app, bench.local.uri, label);
  } finally {
    await stopBench(bench, app);
  }
}

const all = [...(await onEstate('demo', (bench) => benchApp(bench, { SEED_DEMO: 'true' })))];
if (CIS > 0) {
  const estate = path.resolve(`bench/data/estate-${CIS}`);
  if (!existsSync(path.join(estate, 'configuration-items.csv')))
    execFileSync('node', ['dist/src/cli/generate.js', '--cis', String(CIS), '--out', estate], {
      stdio: 'inherit',
    });
  all.push(
    ...(await onEstate(`${CIS}`, async (bench) => {
      importEstate(bench, estate);
      return benchApp(bench);
    })),
  );
}
const slowest = Math.min(...all.map((r) => r.peerOverOurs));
console.log(JSON.stringify({ lowestPeerOverOurs: slowest, target: 1.5, met: slowest >= 1.5 }));
