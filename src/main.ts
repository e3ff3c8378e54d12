import path from 'node:path';
import { startApp, type App } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { startLocalNeo4j, type LocalNeo4j } from './graph/neo4j-local.js';
import { createLogger } from './logger.js';

/**
 * The composition root: config → Neo4j (tools/neo4j-local when no NEO4J_URI is given) → server.
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
