import type { Executor } from './graph/executor.js';
import { CmdbQueries } from './modules/cmdb/queries.js';
import { ImportService } from './modules/cmdb/import.js';
import { CmdbService } from './modules/cmdb/service.js';
import { ImpactService } from './modules/impact/service.js';

/** The application services, built once at start and shared by every request. */
export interface Services {
  executor: Executor;
  cmdb: CmdbService;
  cmdbQueries: CmdbQueries;
  importer: ImportService;
  impact: ImpactService;
}

/** Builds the application services over one executor. */
export function createServices(executor: Executor): Services {
  return {
    executor,
    cmdb: new CmdbService(executor),
    cmdbQueries: new CmdbQueries(executor),
    importer: new ImportService(executor),
    impact: new ImpactService(executor),
  };
}
