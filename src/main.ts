/**
 * The composition root: the one place that wires things together. `startApp` connects to Neo4j,
 * migrates, builds the services (`composeServices`) and the per-request loaders
 * (`createLoaders`), and serves; `main` runs it as the process. The command-line tools compose
 * through `composeServices` too.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSchema, printSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startLocalNeo4j, type LocalNeo4j } from './graph/neo4j-local.js';
import { createLogger } from './logger.js';
import type { RequestContext } from './context.js';
import { createDriver } from './graph/driver.js';
import { Executor } from './graph/executor.js';
import { migrate } from './graph/migrations.js';
import { CypherRegistry } from './graph/registry.js';
import { mutationAuditPlugin } from './http/audit-plugin.js';
import { createAuthenticator } from './http/auth.js';
import { AuthThrottle } from './http/auth-throttle.js';
import { createFormatError } from './http/format-error.js';
import { graphqlProtection, parseOptions } from './http/graphql-limits.js';
import { Metrics } from './http/metrics.js';
import { SecurityLog } from './modules/audit/security-log.js';
import { createHttpServer } from './http/server.js';
import type { ImportDocument } from './modules/cmdb/import.js';
import { cliCaller } from './modules/access/caller.js';
import { seedChangesIfEmpty } from './modules/change/seed.js';
import { seedMeasurementsIfEmpty } from './modules/supply/seed.js';
import { cmdbRepository } from './modules/cmdb/repository.js';
import { seedKnowledgeIfEmpty } from './modules/knowledge/seed.js';
import { createSearchEngine } from './search/engines.js';
import { fromRoot } from './paths.js';
import { allResolvers } from './resolvers.js';
import { loadTypeDefs } from './schema.js';
import type { Services } from './services.js';
import { ALL_QUERIES, composeServices, createLoaders } from './compose.js';

export { ALL_QUERIES, composeServices, createLoaders };

/** A running service: its URL and how to stop it. */
export interface App {
  url: string;
  port: number;
  services: Services;
  executor: Executor;
  driver: Driver;
  httpServer: http.Server;
  /** Reopens the security audit log after rotation and reloads the API key file (SIGHUP). */
  reopenAuditLog(): void;
  /** Stops accepting requests, drains those in flight, closes the driver. */
  close(): Promise<void>;
}

/** Waits until Neo4j answers, for up to `timeoutMs`. */
async function waitForNeo4j(executor: Executor, logger: Logger, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await executor.ping())) {
    if (Date.now() > deadline) throw new Error('Neo4j did not answer in time');
    logger.info('waiting for Neo4j');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Creates the class taxonomy's missing classes from seed/ci-classes.json. */
export async function ensureTaxonomy(executor: Executor): Promise<void> {
  const classes = JSON.parse(readFileSync(fromRoot('seed', 'ci-classes.json'), 'utf8'));
  await executor.writeTx('seedTaxonomy', async (tx) => {
    const before = JSON.stringify(await cmdbRepository.classes(tx));
    await cmdbRepository.upsertClasses(tx, classes);
    // A class written bumps the version, as createCIClass does (the read copies keep the taxonomy).
    if (JSON.stringify(await cmdbRepository.classes(tx)) !== before)
      await cmdbRepository.bumpTopology(tx, ['ciclass:']);
  });
}

/** Imports the demo CMDB (seed/demo-cmdb.json) when the database holds no component yet. */
export async function seedDemoIfEmpty(
  executor: Executor,
  services: Services,
  logger: Logger,
): Promise<void> {
  const [row] = await executor.read('system/component-count');
  if (Number(row?.components ?? 0) > 0) return;
  const doc = JSON.parse(
    readFileSync(fromRoot('seed', 'demo-cmdb.json'), 'utf8'),
  ) as ImportDocument;
  const { created, updated, unchanged } = await services.importer.importConfiguration(
    cliCaller('seed'),
    doc,
    'batched',
  );
  logger.info({ created, updated, unchanged }, 'demo CMDB loaded into the empty database');
}

/** Connects to Neo4j at `uri`, migrates, and serves GraphQL over HTTP on the configured host and port. */
export async function startApp(config: Config, uri: string, logger: Logger): Promise<App> {
  const driver = createDriver(config.neo4j, uri);
  const registry = CypherRegistry.load(fromRoot('cypher'));
  registry.require(ALL_QUERIES);
  const executor = new Executor(driver, registry, config.neo4j, logger.child({ module: 'graph' }));
  await waitForNeo4j(executor, logger, 60000);
  await migrate(executor, fromRoot('cypher', 'migrations'), logger);
  await ensureTaxonomy(executor);
  const metrics = new Metrics();
  executor.onTransaction = metrics.neo4jQuery;
  const search = metrics.timedSearch(
    await createSearchEngine(config, executor, logger.child({ module: 'search' })),
  );
  const services = composeServices(executor, search, logger, {
    impactIndexMaxAgeMs: config.impactIndexMaxAgeMs,
    importBatchSize: config.importBatchSize,
    readCacheEntries: config.readCacheEntries,
    access: {
      apiKeysFile: config.authMode === 'token' ? config.auth.apiKeysFile : undefined,
      adminRequiresJwt: config.auth.adminRequiresJwt,
      auditLog: config.auditLog,
    },
  });
  if (config.seedDemo) {
    await seedDemoIfEmpty(executor, services, logger);
    await seedKnowledgeIfEmpty(executor, services, logger);
    await seedChangesIfEmpty(executor, services, logger);
    await seedMeasurementsIfEmpty(executor, services, logger);
  }
  services.impact.topologyIndex?.start();
  let migrated = true;

  // In dev mode the audit lines go to the file only: the console stays readable.
  const securityLog = new SecurityLog(
    config.auditLog,
    config.authMode === 'token' && config.auditStdout,
  );
  const protection = graphqlProtection(config.graphqlLimits);
  const typeDefs = loadTypeDefs();
  const schema = buildSchema(typeDefs.join('\n'));
  const rootFieldNames = new Set([
    ...Object.keys(schema.getQueryType()?.getFields() ?? {}),
    ...Object.keys(schema.getMutationType()?.getFields() ?? {}),
  ]);
  const apollo = new ApolloServer<RequestContext>({
    typeDefs,
    resolvers: allResolvers() as never,
    validationRules: protection.validationRules,
    parseOptions: parseOptions(config.graphqlLimits),
    allowBatchedHttpRequests: false,
    formatError: createFormatError(logger.child({ module: 'graphql' })),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals: it drains HTTP first, then stops Apollo, the driver and Neo4j in order.
    stopOnTerminationSignals: false,
    plugins: [
      ...(protection.plugins as ApolloServerPlugin<RequestContext>[]),
      mutationAuditPlugin(securityLog, config.graphqlLimits.maxTokens),
      metrics.plugin(rootFieldNames),
      // Apollo's landing page loads from a CDN: a browser at /graphql gets /explorer instead.
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP cache hints are given; without this Apollo wraps every field resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  const authenticator = await createAuthenticator(config);
  const reloadKeys = () => {
    try {
      authenticator.reloadKeys();
      logger.info('API key file reloaded');
    } catch (err) {
      logger.error({ err }, 'the API key file is bad: the keys in force stay');
    }
  };
  // A removed or expired key is refused from the next request: the file is watched, and SIGHUP
  // reloads it too.
  const keysFile = config.authMode === 'token' ? config.auth.apiKeysFile : undefined;
  if (keysFile) watchFile(keysFile, { interval: 1000 }, reloadKeys);
  services.access.onKeysChanged = reloadKeys;
  const httpServer = createHttpServer({
    apollo,
    services,
    createLoaders: () => createLoaders(executor, services),
    logger,
    readiness: {
      neo4j: () => executor.ping(),
      migrations: async () => migrated,
      search: () => search.ready(),
    },
    maxBodyBytes: 1_000_000,
    maxTokens: config.graphqlLimits.maxTokens,
    metrics: metrics.registry,
    sdl: printSchema(schema),
    corsOrigins: config.corsOrigins,
    metricsToken: config.metricsToken,
    tokenMode: config.authMode === 'token',
    trustedProxies: config.trustedProxies,
    authenticator,
    throttle: new AuthThrottle(config.auth.maxFailures, config.auth.failureWindowSeconds * 1000),
    securityLog,
    consoleDir: fromRoot('dist', 'web'),
  });
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url }, 'serving');
  return {
    url,
    port,
    services,
    executor,
    driver,
    httpServer,
    reopenAuditLog: () => {
      securityLog.reopen();
      reloadKeys();
    },
    async close() {
      migrated = false;
      // close() lets in-flight requests finish; idle keep-alive sockets would otherwise hold it open.
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeIdleConnections();
      });
      await apollo.stop();
      await search.stop();
      services.impact.topologyIndex?.stop();
      await driver.close();
      securityLog.close();
      if (keysFile) unwatchFile(keysFile, reloadKeys);
    },
  };
}

/**
 * The process: config → Neo4j (tools/neo4j-local when no NEO4J_URI is given) → `startApp`.
 * SIGINT or SIGTERM drains requests, closes the driver, then stops Neo4j with its data kept.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // Filled as start-up proceeds; a signal during start-up stops whatever has started.
  const running: { local?: LocalNeo4j; app?: App } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await running.app?.close().catch((err) => logger.error({ err }, 'closing the server failed'));
    await running.local?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // logrotate renames the audit log and sends SIGHUP: the next line goes to a fresh file.
  process.on('SIGHUP', () => running.app?.reopenAuditLog());

  let uri = config.neo4j.uri;
  if (!uri) {
    logger.info(
      { dataDir: path.join(config.dataDir, 'neo4j') },
      'no NEO4J_URI: starting tools/neo4j-local',
    );
    running.local = await startLocalNeo4j({ dataDir: path.join(config.dataDir, 'neo4j'), logger });
    uri = running.local.uri;
  }
  running.app = await startApp(config, uri, logger);
  const base = running.app.url.replace(/\/graphql$/, '');
  console.log(
    [
      `egov-cmdb ready: ${running.app.url} (${
        config.authMode === 'dev'
          ? 'development mode: every request acts as the dev admin'
          : 'token authentication'
      }; security audit log ${config.auditLog})`,
      `  console   ${base}/`,
      `  explorer  ${base}/explorer`,
      `  API       ${running.app.url}  (schema: ${base}/schema.graphql)`,
      ...(config.authMode === 'dev'
        ? [
            '  token mode: npm run api-key -- --id NAME --roles VIEWER, then start with',
            '              AUTH_MODE=token API_KEYS_FILE=.data/api-keys.json npm start',
          ]
        : []),
    ].join('\n'),
  );
}

// Run as the process (npm start); imported (tests, the command-line tools), it only composes.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
