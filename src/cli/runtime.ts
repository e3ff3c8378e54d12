import path from 'node:path';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config.js';
import { createDriver } from '../graph/driver.js';
import { Executor } from '../graph/executor.js';
import { migrate } from '../graph/migrations.js';
import { startLocalNeo4j } from '../graph/neo4j-local.js';
import { CypherRegistry } from '../graph/registry.js';
import { createLogger } from '../logger.js';
import { ALL_QUERIES, composeServices, ensureTaxonomy } from '../main.js';
import { fromRoot } from '../paths.js';
import { createSearchEngine } from '../search/engines.js';
import type { Services } from '../services.js';

/**
 * Runs `work` with the application services over Neo4j: NEO4J_URI when set, else tools/neo4j-local
 * on $DATA_DIR/neo4j (which must not be in use by a running `npm start`). Migrates first.
 */
export async function withServices<T>(
  work: (services: Services, executor: Executor, logger: Logger, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig(process.env, { serving: false });
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const local = config.neo4j.uri
    ? undefined
    : await startLocalNeo4j({
        dataDir: path.join(config.dataDir, 'neo4j'),
        logger,
        heap: process.env.NEO4J_LOCAL_HEAP,
        pageCache: process.env.NEO4J_LOCAL_PAGECACHE,
      });
  const driver = createDriver(config.neo4j, config.neo4j.uri ?? local!.uri);
  try {
    const registry = CypherRegistry.load(fromRoot('cypher'));
    registry.require(ALL_QUERIES);
    const executor = new Executor(
      driver,
      registry,
      { ...config.neo4j, transactionTimeoutMs: 600000 },
      logger,
    );
    await migrate(executor, fromRoot('cypher', 'migrations'), logger);
    await ensureTaxonomy(executor);
    const search = await createSearchEngine(config, executor, logger);
    try {
      const services = composeServices(executor, search, logger, {
        importBatchSize: config.importBatchSize,
      });
      return await work(services, executor, logger, config);
    } finally {
      await search.stop();
    }
  } finally {
    await driver.close();
    await local?.stop();
  }
}

/** Runs a CLI's main, printing a domain error's rows plainly and exiting non-zero on failure. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const ext = (error as { extensions?: Record<string, unknown> }).extensions;
    console.error(`error: ${(error as Error).message}${ext?.code ? ` (${String(ext.code)})` : ''}`);
    if (Array.isArray(ext?.rows))
      for (const r of ext.rows as Record<string, unknown>[])
        console.error(
          `  ${String(r.collection)}[${String(r.index)}].${String(r.field)}: ${String(r.message)}`,
        );
    process.exit(1);
  });
}
