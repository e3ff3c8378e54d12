import path from 'node:path';
import { exportGraph } from '../modules/backup/backup.js';
import { runCli, withServices } from './runtime.js';

/** `npm run export -- FILE`: writes the whole graph as a versioned JSON-lines export. */
runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run export -- FILE');
  const result = await withServices((_services, executor) =>
    exportGraph(executor, path.resolve(file)),
  );
  console.log(JSON.stringify({ file: path.resolve(file), ...result }));
});
