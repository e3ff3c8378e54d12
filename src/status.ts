/**
 * `npm run status`: whether an installation is healthy, read the way the service connects (same
 * configuration), written nowhere: Neo4j's reachability, version and edition, the migrations
 * applied and pending, the entities by type, the topology version, the search engine's state, the
 * security audit log and the API key file (ids, roles and expiries; never a hash). Every problem
 * found comes with a hint; any problem makes the command exit non-zero (a deployment check).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import type { Config } from './config.js';
import { createDriver } from './graph/driver.js';
import { Executor } from './graph/executor.js';
import { readMigrations } from './graph/migrations.js';
import { CypherRegistry } from './graph/registry.js';
import type { Logger } from 'pino';
import { ApiKeyFile } from './modules/access/api-keys.js';
import { fromRoot } from './paths.js';

export const STATUS_QUERIES = [
  'system/neo4j-components',
  'system/entity-counts',
  'system/fulltext-indexes',
] as const;

export interface StatusProblem {
  problem: string;
  hint: string;
}

export interface StatusReport {
  ok: boolean;
  problems: StatusProblem[];
  neo4j: { uri: string; reachable: boolean; version?: string; edition?: string };
  migrations?: { applied: number; pending: string[] };
  entities?: Record<string, number>;
  topologyVersion?: number;
  search: {
    engine: 'neo4j' | 'meilisearch';
    fulltextIndexes?: { name: string; state: string; populationPercent: number }[];
    meili?: {
      url: string;
      reachable: boolean;
      index: string;
      documents?: number;
      taskBacklog?: number;
    };
    outbox?: number;
    publishedArticles?: number;
  };
  auditLog: { path: string; exists: boolean; bytes: number };
  apiKeys: {
    file: string | null;
    entries: { id: string; roles: string[]; expires: string | null; expired: boolean }[];
  };
}

/** Where `npm start`'s local Neo4j listens while it runs (tools/neo4j-local; see neo4j-local.ts). */
export const localUriFile = (dataDir: string) => path.join(dataDir, 'neo4j', 'bolt-uri');

/** Collects the report against Neo4j at `uri` (and Meilisearch when configured). */
export async function collectStatus(
  config: Config,
  uri: string,
  logger: Logger,
  now = new Date(),
): Promise<StatusReport> {
  const problems: StatusProblem[] = [];
  const report: StatusReport = {
    ok: false,
    problems,
    neo4j: { uri, reachable: false },
    search: { engine: config.meili.url ? 'meilisearch' : 'neo4j' },
    auditLog: auditLogState(config.auditLog),
    apiKeys: { file: config.auth.apiKeysFile ?? null, entries: [] },
  };
  apiKeyState(config, report, now);
  const driver = createDriver(config.neo4j, uri);
  try {
    const registry = CypherRegistry.load(fromRoot('cypher'));
    const executor = new Executor(driver, registry, config.neo4j, logger);
    try {
      const [c] = await executor.read('system/neo4j-components');
      report.neo4j = {
        uri,
        reachable: true,
        version: String(c?.version),
        edition: String(c?.edition),
      };
    } catch (err) {
      problems.push({
        problem: `Neo4j at ${uri} does not answer: ${shortError(err as Error)}`,
        hint: config.neo4j.uri
          ? 'start Neo4j, or correct NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD'
          : 'start the service (npm start), or set NEO4J_URI to the Neo4j the service uses',
      });
      return finish(report);
    }
    const applied = new Set(
      (await executor.read('system/migrations-applied')).map((r) => String(r.name)),
    );
    const pending = readMigrations(fromRoot('cypher', 'migrations'))
      .map((m) => m.name)
      .filter((n) => !applied.has(n));
    report.migrations = { applied: applied.size, pending };
    if (pending.length > 0)
      problems.push({
        problem: `${pending.length} migration(s) not applied: ${pending.join(', ')}`,
        hint: 'start the service once (it applies them), or run any of npm run import/seed',
      });
    const counts = await executor.read('system/entity-counts');
    report.entities = Object.fromEntries(counts.map((r) => [String(r.type), Number(r.count)]));
    const [v] = await executor.read('system/topology-version');
    report.topologyVersion = Number(v?.version ?? 0);
    const published = report.entities['published KnownError'] ?? 0;
    report.search.publishedArticles = published;
    const [o] = await executor.read('knowledge/outbox-count');
    report.search.outbox = Number(o?.pending ?? 0);
    if (config.meili.url) await meiliState(config, report, published);
    else {
      const indexes = await executor.read('system/fulltext-indexes');
      report.search.fulltextIndexes = indexes.map((r) => ({
        name: String(r.name),
        state: String(r.state),
        populationPercent: Number(r.populationPercent),
      }));
      for (const i of report.search.fulltextIndexes)
        if (i.state !== 'ONLINE')
          problems.push({
            problem: `full-text index ${i.name} is ${i.state} (${i.populationPercent}%)`,
            hint:
              i.state === 'FAILED'
                ? 'drop it and start the service: the migration creates it again'
                : 'wait: Neo4j is populating it',
          });
    }
  } finally {
    await driver.close();
  }
  return finish(report);
}

/** The driver's first sentence and its cause (its messages run to a paragraph). */
function shortError(err: Error): string {
  const cause = /Caused by: (.*)$/m.exec(err.message)?.[1];
  return `${err.message.split(/\.\s/)[0]}${cause ? ` (${cause})` : ''}`;
}

function finish(report: StatusReport): StatusReport {
  report.ok = report.problems.length === 0;
  return report;
}

function auditLogState(file: string): StatusReport['auditLog'] {
  if (!file || !existsSync(file)) return { path: file, exists: false, bytes: 0 };
  return { path: file, exists: true, bytes: statSync(file).size };
}

function apiKeyState(config: Config, report: StatusReport, now: Date): void {
  const file = config.auth.apiKeysFile;
  if (!file) {
    if (config.authMode === 'token')
      report.problems.push({
        problem: 'AUTH_MODE=token without API_KEYS_FILE: only JWTs are accepted',
        hint: 'npm run api-key -- --id NAME --roles VIEWER makes a key file',
      });
    return;
  }
  try {
    report.apiKeys.entries = new ApiKeyFile(file, config.auth.adminRequiresJwt)
      .entries()
      .map((e) => ({
        id: e.id,
        roles: e.roles,
        expires: e.expires ?? null,
        expired: e.expires !== undefined && Date.parse(e.expires) <= now.getTime(),
      }));
  } catch (err) {
    report.problems.push({
      problem: `the API key file cannot be read: ${(err as Error).message}`,
      hint: 'correct or replace it (npm run api-key writes a valid one)',
    });
    return;
  }
  if (!existsSync(file))
    report.problems.push({
      problem: `API_KEYS_FILE ${file} does not exist`,
      hint: 'npm run api-key -- --id NAME --roles VIEWER creates it',
    });
  for (const e of report.apiKeys.entries.filter((x) => x.expired))
    report.problems.push({
      problem: `API key ${e.id} expired at ${e.expires}`,
      hint: `make a new one (npm run api-key -- --id ${e.id}-2 --roles ${e.roles.join(',')}) and revoke it`,
    });
}

async function meiliState(config: Config, report: StatusReport, published: number) {
  const url = config.meili.url!;
  const client = new Meilisearch({ host: url, apiKey: config.meili.apiKey, timeout: 5000 });
  const meili: NonNullable<StatusReport['search']['meili']> = {
    url,
    reachable: false,
    index: config.meili.index,
  };
  report.search.meili = meili;
  try {
    await client.health();
    meili.reachable = true;
    meili.documents = (await client.index(config.meili.index).getStats()).numberOfDocuments;
    meili.taskBacklog = (
      await client.tasks.getTasks({ statuses: ['enqueued', 'processing'], limit: 1 })
    ).total;
  } catch (err) {
    report.problems.push({
      problem: `Meilisearch at ${url} (index ${config.meili.index}): ${(err as Error).message}`,
      hint: meili.reachable
        ? 'npm run reindex builds the index from Neo4j'
        : 'start Meilisearch, or correct MEILI_URL and MEILI_API_KEY',
    });
    return;
  }
  // The index holds published articles; the outbox holds changes not yet sent to it.
  if (meili.documents !== published && (report.search.outbox ?? 0) === 0)
    report.problems.push({
      problem: `the index holds ${meili.documents} article(s), Neo4j ${published} published`,
      hint: 'npm run reindex rebuilds it from Neo4j',
    });
}

/** The report as people read it. */
export function statusText(r: StatusReport): string {
  const yes = (b: boolean) => (b ? 'yes' : 'NO');
  const lines = [
    `Neo4j          ${r.neo4j.uri}  reachable: ${yes(r.neo4j.reachable)}${r.neo4j.version ? `  ${r.neo4j.version} ${r.neo4j.edition}` : ''}`,
  ];
  if (r.migrations)
    lines.push(
      `migrations     ${r.migrations.applied} applied, ${r.migrations.pending.length} pending`,
    );
  if (r.entities)
    lines.push(
      `entities       ${Object.entries(r.entities)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  if (r.topologyVersion !== undefined) lines.push(`topology       version ${r.topologyVersion}`);
  const s = r.search;
  if (s.engine === 'neo4j')
    lines.push(
      `search         Neo4j full-text: ${(s.fulltextIndexes ?? []).map((i) => `${i.name} ${i.state}`).join(', ') || '?'}; outbox ${s.outbox ?? '?'}`,
    );
  else
    lines.push(
      `search         Meilisearch ${s.meili?.url} index ${s.meili?.index}: reachable ${yes(!!s.meili?.reachable)}, ${s.meili?.documents ?? '?'} documents / ${s.publishedArticles ?? '?'} published, ${s.meili?.taskBacklog ?? '?'} tasks waiting, outbox ${s.outbox ?? '?'}`,
    );
  lines.push(
    `audit log      ${r.auditLog.path} (${r.auditLog.exists ? `${r.auditLog.bytes} bytes` : 'not written yet'})`,
    `API keys       ${r.apiKeys.file ?? '(no API_KEYS_FILE)'}: ${r.apiKeys.entries.length} key(s)`,
    ...r.apiKeys.entries.map(
      (e) =>
        `  ${e.id}  ${e.roles.join(',')}  ${e.expires ? `expires ${e.expires}${e.expired ? ' (EXPIRED)' : ''}` : 'no expiry'}`,
    ),
  );
  lines.push(
    '',
    r.ok ? 'healthy' : `${r.problems.length} problem(s):`,
    ...r.problems.map((p) => `  ✗ ${p.problem}\n    hint: ${p.hint}`),
  );
  return lines.join('\n');
}

/** The URI `npm start`'s local Neo4j listens on, when it has written one. */
export function runningLocalUri(dataDir: string): string | undefined {
  const file = localUriFile(dataDir);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}
