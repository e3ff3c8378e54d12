import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { WORK_DIR } from './service';

/** Stops the run's service (SIGTERM: it drains, then stops its Neo4j) and removes its folder. */
export default async function globalTeardown(): Promise<void> {
  const pidFile = path.join(WORK_DIR, 'pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    try {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        process.kill(pid, 0);
        await new Promise((r) => setTimeout(r, 200));
      }
    } catch {
      // gone
    }
  }
  rmSync(WORK_DIR, { recursive: true, force: true });
}
