import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startLocalNeo4j } from '../../src/graph/neo4j-local.js';

/** A Neo4j for the test run, and how to stop it. */
export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  source: 'NEO4J_URI' | 'testcontainers' | 'neo4j-local';
  stop(): Promise<void>;
}

/** True when a Docker engine answers on its socket. */
function dockerAnswers(): Promise<boolean> {
  const socketPath = process.env.DOCKER_HOST?.startsWith('unix://')
    ? process.env.DOCKER_HOST.slice(7)
    : '/var/run/docker.sock';
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * The Neo4j the integration tests use, in this order: NEO4J_URI (a disposable database: the tests
 * wipe it), testcontainers' Neo4j module when a Docker engine answers, else tools/neo4j-local on a
 * temporary directory.
 */
export async function neo4jForTests(): Promise<TestNeo4j> {
  if (process.env.NEO4J_URI) {
    return {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      source: 'NEO4J_URI',
      stop: async () => {},
    };
  }
  if (await dockerAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community')
      .withPassword('test-password')
      .start();
    return {
      uri: container.getBoltUri(),
      user: 'neo4j',
      password: 'test-password',
      source: 'testcontainers',
      stop: async () => void (await container.stop()),
    };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cmdb-test-neo4j-'));
  const local = await startLocalNeo4j({
    dataDir,
    logger: pino({ level: 'warn' }),
    heap: '1g',
    pageCache: '256m',
  });
  return {
    uri: local.uri,
    user: 'neo4j',
    password: '',
    source: 'neo4j-local',
    // The run's data directory goes with it: half a gigabyte per run otherwise stays in the temp dir.
    stop: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
