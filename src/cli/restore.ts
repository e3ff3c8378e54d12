import path from 'node:path';
import { restoreGraph } from '../modules/backup/backup.js';
import { runCli, withServices } from './runtime.js';

/**
 * `npm run restore -- FILE [--replace]`: restores an export made by `npm run export`. Refuses a
 * database that holds entities unless `--replace` is given (then everything in it is replaced).
 */
runCli(async () => {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: npm run restore -- FILE [--replace]');
  const result = await withServices((_services, executor) =>
    restoreGraph(executor, path.resolve(file), { replace: args.includes('--replace') }),
  );
  console.log(JSON.stringify({ file: path.resolve(file), ...result }));
});
