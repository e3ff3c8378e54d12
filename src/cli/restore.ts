import path from 'node:path';
import { restoreGraph } from '../modules/backup/backup.js';
import { InterruptedError } from '../progress.js';
import { CliProgress } from './progress.js';
import { runCli, withServices } from './runtime.js';

/**
 * `npm run restore -- FILE [--replace] [--quiet]`: restores an export made by `npm run export`,
 * with progress. Refuses a database that holds entities unless `--replace` is given (then
 * everything in it is replaced). Ctrl-C stops it between batches: the database then holds part of
 * the export, and the same command with `--replace` restores it whole.
 */
runCli(async () => {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: npm run restore -- FILE [--replace] [--quiet]');
  const progress = CliProgress.forArgs(args).interruptible();
  try {
    const result = await withServices((_services, executor) =>
      restoreGraph(executor, path.resolve(file), { replace: args.includes('--replace'), progress }),
    );
    progress.stop();
    console.log(JSON.stringify({ file: path.resolve(file), ...result }));
  } catch (error) {
    progress.stop();
    if (!(error instanceof InterruptedError)) throw error;
    const done = progress.phases
      .filter((p) => p.phase.startsWith('restore '))
      .map((p) => `${p.phase} ${p.done}/${p.total ?? '?'}`);
    console.error(
      `interrupted between batches: committed ${done.join(', ') || 'nothing'}; the database holds part of the export: run npm run restore -- ${file} --replace to restore it whole`,
    );
    process.exit(130);
  }
});
