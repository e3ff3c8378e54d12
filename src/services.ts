import type { KnowledgeUsage } from './modules/knowledge/usage.js';
import type { TriageService } from './modules/knowledge/triage.js';
import type { KnowledgeGaps } from './modules/knowledge/gaps.js';
import type { AccessService } from './modules/access/service.js';
import type { ChangeQueries } from './modules/change/queries.js';
import type { ChangeService } from './modules/change/service.js';
import type { ImportService } from './modules/cmdb/import.js';
import type { CmdbQueries } from './modules/cmdb/queries.js';
import type { CmdbService } from './modules/cmdb/service.js';
import type { ImpactService } from './modules/impact/service.js';
import type { KnowledgeQueries } from './modules/knowledge/queries.js';
import type { KnowledgeService } from './modules/knowledge/service.js';
import type { SupplyService } from './modules/supply/service.js';
import type { ReportService } from './modules/reports/service.js';
import type { KnowledgeSearchEngine } from './search/port.js';

/** The application services, built once by main.ts and shared by every request. */
export interface Services {
  access: AccessService;
  change: ChangeService;
  changeQueries: ChangeQueries;
  cmdb: CmdbService;
  cmdbQueries: CmdbQueries;
  importer: ImportService;
  impact: ImpactService;
  knowledge: KnowledgeService;
  knowledgeQueries: KnowledgeQueries;
  knowledgeUsage: KnowledgeUsage;
  triage: TriageService;
  knowledgeGaps: KnowledgeGaps;
  search: KnowledgeSearchEngine;
  supply: SupplyService;
  reports: ReportService;
}
