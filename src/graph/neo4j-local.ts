import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import type { Logger } from 'pino';
import { fromRoot } from '../paths.js';

/** A running tools/neo4j-local child process. */
export interface LocalNeo4j {
  uri: string;
  pid: number;
  /** Stops Neo4j with SIGTERM and waits until it has shut down cleanly. */
  stop(): Promise<void>;
}

/** A free TCP port on loopback, as the kernel hands it out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Builds (when needed) and starts tools/neo4j-local on a free loopback port over `dataDir`, and
 * resolves once it prints its ready line. Rejects with Neo4j's own words if it exits first.
 */
export async function startLocalNeo4j(options: {
  dataDir: string;
  heap?: string;
  pageCache?: string;
  logger: Logger;
  readyTimeoutMs?: number;
  /** The Bolt port; a free one when absent (a restart passes the old one to keep the URI). */
  port?: number;
}): Promise<LocalNeo4j> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const args = [
    '--data',
    options.dataDir,
    '--port',
    String(port),
    '--heap',
    options.heap ?? '512m',
    '--pagecache',
    options.pageCache ?? '128m',
  ];
  // Its own process group: a Ctrl-C in the terminal reaches only this process, which drains its
  // requests first and then stops Neo4j; if this process exits another way, Neo4j goes with it.
  const child = spawn(fromRoot('tools', 'neo4j-local', 'neo4j-local'), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const log = options.logger.child({ module: 'neo4j-local' });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    for (const line of chunk.toString().split('\n')) if (line.trim()) log.info(line.trim());
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `neo4j-local did not become ready within ${(options.readyTimeoutMs ?? 600000) / 1000}s`,
        ),
      );
    }, options.readyTimeoutMs ?? 600000);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes('NEO4J_LOCAL_READY')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `neo4j-local exited with code ${code} before it was ready: ${stderr.trim().split('\n').slice(-5).join(' | ')}`,
        ),
      );
    });
  });
  log.info({ port, dataDir: options.dataDir }, 'neo4j-local ready');
  // Where it listens, for `npm run status` while it runs (removed when it stops).
  const uri = `bolt://127.0.0.1:${port}`;
  const uriFile = path.join(options.dataDir, 'bolt-uri');
  writeFileSync(uriFile, `${uri}\n`);
  return {
    uri,
    pid: child.pid!,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child, exited);
      rmSync(uriFile, { force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
  await exited;
  clearTimeout(timer);
}
