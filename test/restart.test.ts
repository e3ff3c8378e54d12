import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startApp } from '../src/main.js';
import { loadConfig } from '../src/config.js';
import { startLocalNeo4j } from '../src/graph/neo4j-local.js';

/** Starts tools/neo4j-local on `dataDir` and the service on it, as `npm start` does. */
async function start(dataDir: string) {
  const logger = pino({ level: 'silent' });
  const neo4j = await startLocalNeo4j({ dataDir, logger });
  const app = await startApp(
    loadConfig({ PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'silent' }),
    neo4j.uri,
    logger,
  );
  const gql = async (query: string) =>
    (await (
      await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      })
    ).json()) as any;
  return {
    gql,
    stop: async () => {
      await app.close();
      await neo4j.stop();
    },
  };
}

describe('stopping and starting again', () => {
  it('keeps a CI created through the API, and neo4j-local refuses a second instance on the same data', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cmdb-restart-'));
    const first = await start(dataDir);
    try {
      const created = await first.gql(
        `mutation { createConfigurationItem(input: { id: "ci-persist", name: "政务外网防火墙", ciClass: "Firewall" }) { id } }`,
      );
      expect(created.data.createConfigurationItem.id).toBe('ci-persist');
      await expect(startLocalNeo4j({ dataDir, logger: pino({ level: 'silent' }) })).rejects.toThrow(
        /another instance is already running/,
      );
    } finally {
      await first.stop();
    }
    const second = await start(dataDir);
    try {
      const read = await second.gql(
        `{ configurationItem(id: "ci-persist") { name ciClass version } }`,
      );
      expect(read.data.configurationItem).toEqual({
        name: '政务外网防火墙',
        ciClass: 'Firewall',
        version: 1,
      });
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180000);
});
