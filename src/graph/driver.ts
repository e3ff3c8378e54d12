import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';

/** Creates the one driver of the process. Integers stay exact in Cypher and are mapped at the boundary. */
export function createDriver(config: Config['neo4j'], uri: string): Driver {
  // A server with auth disabled (tools/neo4j-local on loopback) accepts any basic token.
  return neo4j.driver(uri, neo4j.auth.basic(config.user, config.password), {
    maxConnectionPoolSize: 100,
    connectionAcquisitionTimeout: 20000,
    // When Neo4j is unreachable a request fails within seconds instead of hanging in retries.
    connectionTimeout: 5000,
    maxTransactionRetryTime: 5000,
    disableLosslessIntegers: false,
    userAgent: 'egov-cmdb',
  });
}
