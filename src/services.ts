import type { Logger } from 'pino';
import type { Executor } from './graph/executor.js';
import { AccessService, type AccessOptions } from './modules/access/service.js';
import { CmdbQueries } from './modules/cmdb/queries.js';
import { ImportService } from './modules/cmdb/import.js';
import { CmdbService } from './modules/cmdb/service.js';
import { ImpactService } from './modules/impact/service.js';
import { TopologyIndexHolder } from './modules/impact/topology-index.js';
import { KnowledgeQueries } from './modules/knowledge/queries.js';
import { KnowledgeService } from './modules/knowledge/service.js';
import type { KnowledgeSearchEngine } from './search/port.js';

/** The application services, built once at start and shared by every request. */
export interface Services {
  executor: Executor;
  access: AccessService;
  cmdb: CmdbService;
  cmdbQueries: CmdbQueries;
  importer: ImportService;
  impact: ImpactService;
  knowledge: KnowledgeService;
  knowledgeQueries: KnowledgeQueries;
  search: KnowledgeSearchEngine;
}

/** Builds the application services over one executor and one knowledge-search engine. */
export function createServices(
  executor: Executor,
  search: KnowledgeSearchEngine,
  logger: Logger,
  options: { impactIndexMaxAgeMs?: number; access?: AccessOptions } = {},
): Services {
  return {
    executor,
    access: new AccessService(
      options.access ?? { apiKeysFile: undefined, adminRequiresJwt: false, auditLog: '' },
    ),
    cmdb: new CmdbService(executor),
    cmdbQueries: new CmdbQueries(executor),
    importer: new ImportService(executor),
    impact: new ImpactService(
      executor,
      new TopologyIndexHolder(
        executor,
        logger.child({ module: 'impact' }),
        options.impactIndexMaxAgeMs ?? 0,
      ),
    ),
    knowledge: new KnowledgeService(executor, search),
    knowledgeQueries: new KnowledgeQueries(executor, search),
    search,
  };
}
