import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { startLocalNeo4j } from '../graph/neo4j-local.js';
import { createLogger } from '../logger.js';
import { collectStatus, runningLocalUri, statusText } from '../status.js';

/**
 * `npm run status [-- --json]`: whether this installation is healthy (src/status.ts), connecting
 * as the service would: NEO4J_URI when set, else the local Neo4j a running `npm start` listens on,
 * else tools/neo4j-local started over $DATA_DIR/neo4j for the check. Exit code 0 when healthy,
 * 1 when a problem was found (each printed with a hint), 78 when the configuration is invalid.
 */
async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  let config;
  try {
    config = loadConfig(process.env, { serving: false });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problem = {
      problem: error.message,
      hint: 'correct the environment (README, "Configuration")',
    };
    console.log(
      json
        ? JSON.stringify({ ok: false, problems: [problem] })
        : `✗ ${problem.problem}\n  hint: ${problem.hint}`,
    );
    process.exit(78);
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  let uri = config.neo4j.uri ?? runningLocalUri(config.dataDir);
  let local;
  if (!uri) {
    local = await startLocalNeo4j({ dataDir: path.join(config.dataDir, 'neo4j'), logger });
    uri = local.uri;
  }
  try {
    const report = await collectStatus(config, uri, logger);
    console.log(json ? JSON.stringify(report, null, 1) : statusText(report));
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await local?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
});
