import { readFileSync, unwatchFile, watchFile } from 'node:fs';
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
import type { Config } from './config.js';
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
import { cmdbRepository, CMDB_QUERIES } from './modules/cmdb/repository.js';
import { IMPACT_QUERIES } from './modules/impact/graph-topology.js';
import { KNOWLEDGE_QUERIES } from './modules/knowledge/repository.js';
import { seedKnowledgeIfEmpty } from './modules/knowledge/seed.js';
import { createSearchEngine } from './search/engines.js';
import { fromRoot } from './paths.js';
import { allResolvers } from './resolvers.js';
import { loadTypeDefs } from './schema.js';
import { createServices, type Services } from './services.js';

/** A running service: its URL and how to stop it. */
export interface App {
  url: string;
  port: number;
  services: Services;
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
  await executor.writeTx('seedTaxonomy', (tx) => cmdbRepository.upsertClasses(tx, classes));
}

/** Imports the demo CMDB (seed/demo-cmdb.json) when the database holds no component yet. */
export async function seedDemoIfEmpty(services: Services, logger: Logger): Promise<void> {
  const [row] = await services.executor.read('system/component-count');
  if (Number(row?.components ?? 0) > 0) return;
  const doc = JSON.parse(
    readFileSync(fromRoot('seed', 'demo-cmdb.json'), 'utf8'),
  ) as ImportDocument;
  const result = await services.importer.importConfiguration(
    { id: 'seed', roles: ['CMDB_ADMIN'] },
    null,
    doc,
    'batched',
  );
  logger.info(result, 'demo CMDB loaded into the empty database');
}

/** Connects to Neo4j at `uri`, migrates, and serves GraphQL over HTTP on the configured host and port. */
export async function startApp(config: Config, uri: string, logger: Logger): Promise<App> {
  const driver = createDriver(config.neo4j, uri);
  const registry = CypherRegistry.load(fromRoot('cypher'));
  registry.require([
    ...CMDB_QUERIES,
    ...IMPACT_QUERIES,
    ...KNOWLEDGE_QUERIES,
    'system/component-count',
  ]);
  const executor = new Executor(driver, registry, config.neo4j, logger.child({ module: 'graph' }));
  await waitForNeo4j(executor, logger, 60000);
  await migrate(executor, fromRoot('cypher', 'migrations'), logger);
  await ensureTaxonomy(executor);
  const metrics = new Metrics();
  executor.onTransaction = metrics.neo4jQuery;
  const search = metrics.timedSearch(
    await createSearchEngine(config, executor, logger.child({ module: 'search' })),
  );
  const services = createServices(executor, search, logger, {
    impactIndexMaxAgeMs: config.impactIndexMaxAgeMs,
    access: {
      apiKeysFile: config.authMode === 'token' ? config.auth.apiKeysFile : undefined,
      adminRequiresJwt: config.auth.adminRequiresJwt,
      auditLog: config.auditLog,
    },
  });
  if (config.seedDemo) {
    await seedDemoIfEmpty(services, logger);
    await seedKnowledgeIfEmpty(services, logger);
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
