/**
 * The composition root's wiring: every Cypher name the service uses, the application services over
 * one executor and one search engine, and the loaders of a request. main.ts starts them.
 */
import type { Logger } from 'pino';
import type { Loaders } from './context.js';
import type { Executor } from './graph/executor.js';
import { MIGRATION_QUERIES } from './graph/migrations.js';
import { ENTITY_STORE_QUERIES } from './graph/entity-store.js';
import { AccessService, type AccessOptions } from './modules/access/service.js';
import { AUDIT_QUERIES } from './modules/audit/trail-repository.js';
import { ConflictChecker } from './modules/change/conflict-check.js';
import { ChangeQueries } from './modules/change/queries.js';
import { CHANGE_QUERIES } from './modules/change/repository.js';
import { changeImport } from './modules/change/import.js';
import { ChangeService } from './modules/change/service.js';
import { BACKUP_QUERIES } from './modules/backup/backup.js';
import { ImportService } from './modules/cmdb/import.js';
import type { ReadSnapshot } from './modules/cmdb/read-cache.js';
import { createCmdbLoaders } from './modules/cmdb/loaders.js';
import { CmdbQueries } from './modules/cmdb/queries.js';
import { CmdbService } from './modules/cmdb/service.js';
import { GraphWalkSource } from './modules/impact/graph-walk.js';
import { createImpactLoaders } from './modules/impact/loaders.js';
import { ImpactService } from './modules/impact/service.js';
import { TopologyIndexHolder } from './modules/impact/topology-holder.js';
import { createKnowledgeLoaders } from './modules/knowledge/loaders.js';
import { KnowledgeQueries } from './modules/knowledge/queries.js';
import { KnowledgeService } from './modules/knowledge/service.js';
import { SUPPLY_QUERIES } from './modules/supply/repository.js';
import { measurementImport } from './modules/supply/import.js';
import { SupplyService } from './modules/supply/service.js';
import { REPORT_QUERIES } from './modules/reports/repository.js';
import { ReportService } from './modules/reports/service.js';
import type { KnowledgeSearchEngine } from './search/port.js';
import { CMDB_QUERIES } from './modules/cmdb/repository.js';
import { IMPACT_QUERIES } from './modules/impact/repository.js';
import { KNOWLEDGE_QUERIES } from './modules/knowledge/repository.js';
import { KnowledgeUsage } from './modules/knowledge/usage.js';
import { TriageService } from './modules/knowledge/triage.js';
import { KnowledgeGaps } from './modules/knowledge/gaps.js';
import { STATUS_QUERIES } from './status.js';
import type { Services } from './services.js';

/** Every Cypher name the service uses: a missing file stops the start (and a unit test). */
export const ALL_QUERIES: readonly string[] = [
  ...MIGRATION_QUERIES,
  ...ENTITY_STORE_QUERIES,
  ...CMDB_QUERIES,
  ...AUDIT_QUERIES,
  ...IMPACT_QUERIES,
  ...KNOWLEDGE_QUERIES,
  ...CHANGE_QUERIES,
  ...SUPPLY_QUERIES,
  ...REPORT_QUERIES,
  ...BACKUP_QUERIES,
  ...STATUS_QUERIES,
];

/** Builds the application services over one executor and one knowledge-search engine. */
export function composeServices(
  executor: Executor,
  search: KnowledgeSearchEngine,
  logger: Logger,
  options: {
    impactIndexMaxAgeMs?: number;
    importBatchSize?: number;
    readCacheEntries?: number;
    access?: AccessOptions;
  } = {},
): Services {
  const topologyIndex = new TopologyIndexHolder(
    executor,
    logger.child({ module: 'impact' }),
    options.impactIndexMaxAgeMs ?? 0,
    options.readCacheEntries,
  );
  const impact = new ImpactService(executor, new GraphWalkSource(executor), topologyIndex);
  const conflicts = new ConflictChecker(executor, topologyIndex);
  const changeQueries = new ChangeQueries(executor, conflicts);
  const knowledgeQueries = new KnowledgeQueries(executor, search);
  const supply = new SupplyService(executor);
  // Change management builds on impact analysis; impact learns of planned work through this port.
  impact.plannedWork = changeQueries;
  return {
    access: new AccessService(
      options.access ?? { apiKeysFile: undefined, adminRequiresJwt: false, auditLog: '' },
    ),
    change: new ChangeService(executor, conflicts),
    changeQueries,
    cmdb: new CmdbService(executor),
    cmdbQueries: new CmdbQueries(executor),
    importer: new ImportService(executor, {
      extensions: [changeImport, measurementImport],
      batchSize: options.importBatchSize,
    }),
    impact,
    knowledge: new KnowledgeService(executor, search),
    knowledgeQueries,
    knowledgeUsage: new KnowledgeUsage(executor),
    triage: new TriageService(impact, knowledgeQueries),
    knowledgeGaps: new KnowledgeGaps(executor, (s, from) => supply.missesOf(s, from)),
    search,
    supply,
    reports: new ReportService(executor, impact, () => topologyIndex.exact()),
  };
}

/** The CMDB reads' source of exact copies: the impact analysis's topology copies. */
function readCopyOf(services: Services): ReadSnapshot {
  const holder = services.impact.topologyIndex;
  return holder?.reads.enabled ? () => holder.readCopy() : () => Promise.resolve(undefined);
}

/** A fresh set of loaders for one request: each module's, combined. */
export function createLoaders(executor: Executor, services: Services): Loaders {
  return {
    ...createCmdbLoaders(executor, readCopyOf(services)),
    ...createImpactLoaders(services.impact),
    ...createKnowledgeLoaders(executor),
  };
}
