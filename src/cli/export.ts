import { rmSync } from 'node:fs';
import path from 'node:path';
import { exportGraph } from '../modules/backup/backup.js';
import { InterruptedError } from '../progress.js';
import { CliProgress } from './progress.js';
import { runCli, withServices } from './runtime.js';

/**
 * `npm run export -- FILE [--quiet]`: writes the whole graph as a versioned JSON-lines export,
 * with progress; Ctrl-C stops it and removes the incomplete file.
 */
runCli(async () => {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: npm run export -- FILE [--quiet]');
  const progress = CliProgress.forArgs(args).interruptible();
  try {
    const result = await withServices((_services, executor) =>
      exportGraph(executor, path.resolve(file), progress),
    );
    progress.stop();
    console.log(JSON.stringify({ file: path.resolve(file), ...result }));
  } catch (error) {
    progress.stop();
    if (!(error instanceof InterruptedError)) throw error;
    rmSync(path.resolve(file), { force: true });
    console.error(
      `interrupted: the incomplete ${path.resolve(file)} was removed (the graph is unchanged); run the same export again`,
    );
    process.exit(130);
  }
});
