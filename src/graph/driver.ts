import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';

/** How long a failing transaction (or single read) is retried on transient errors. */
export const MAX_TRANSACTION_RETRY_MS = 5000;

/** Creates the one driver of the process. Integers stay exact in Cypher and are mapped at the boundary. */
export function createDriver(config: Config['neo4j'], uri: string): Driver {
  // A server with auth disabled (tools/neo4j-local on loopback) accepts any basic token.
  return neo4j.driver(uri, neo4j.auth.basic(config.user, config.password), {
    maxConnectionPoolSize: 100,
    connectionAcquisitionTimeout: 20000,
    // When Neo4j is unreachable a request fails within seconds instead of hanging in retries.
    connectionTimeout: 5000,
    maxTransactionRetryTime: MAX_TRANSACTION_RETRY_MS,
    disableLosslessIntegers: false,
    userAgent: 'egov-cmdb',
  });
}
