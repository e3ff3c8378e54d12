import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyOf, PEOPLE, PORT, WORK_DIR, type Person } from './service';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts the built service (dist/src/main.js) as `npm start` would, but in token mode, with the
 * run's API keys and its own Neo4j (tools/neo4j-local on a fresh data folder) and demo estate;
 * resolves once it says it is ready. globalTeardown stops it.
 */
export default async function globalSetup(): Promise<void> {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const keys = path.join(WORK_DIR, 'api-keys.json');
  writeFileSync(
    keys,
    JSON.stringify(
      Object.entries(PEOPLE).map(([id, roles]) => ({
        id,
        roles,
        hash: `sha256:${createHash('sha256')
          .update(keyOf(id as Person))
          .digest('hex')}`,
      })),
    ),
  );
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NEO4J_URI: '',
      NODE_ENV: 'test',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(WORK_DIR, 'data'),
      AUTH_MODE: 'token',
      API_KEYS_FILE: keys,
      AUTH_MAX_FAILURES: '1000',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      AUDIT_STDOUT: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  writeFileSync(path.join(WORK_DIR, 'pid'), String(child.pid));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(
      () => reject(new Error(`the service did not start:\n${output}`)),
      240_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('egov-cmdb ready')) {
        clearTimeout(deadline);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`the service exited (${code}):\n${output}`)));
  });
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  child.stdout!.resume();
  child.stderr!.resume();
  child.unref();
}
