import { readDocument } from './read-document.js';
import { cliCaller } from '../modules/access/caller.js';
import { runCli, withServices } from './runtime.js';

/** `npm run import -- FILE.json | DIR | FILE.csv…`: upserts a configuration document, all rows validated first. */
runCli(async () => {
  const paths = process.argv.slice(2);
  if (paths.length === 0)
    throw new Error('usage: npm run import -- FILE.json | DIR-of-CSV | COLLECTION.csv ...');
  const started = Date.now();
  const doc = await readDocument(paths);
  const rows = Object.values(doc).reduce((n, list) => n + (list?.length ?? 0), 0);
  // Seconds spent in Neo4j transactions by step (two writers overlap, so they can sum past the wall time).
  const transactionSeconds: Record<string, number> = {};
  const result = await withServices((services, executor) => {
    executor.onTransaction = (label, s) =>
      (transactionSeconds[label] = (transactionSeconds[label] ?? 0) + s);
    return services.importer.importConfiguration(cliCaller('import'), doc, 'batched');
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    JSON.stringify({
      ...result,
      rows,
      seconds,
      rowsPerSecond: Math.round(rows / seconds),
      transactionSeconds: Object.fromEntries(
        Object.entries(transactionSeconds).map(([label, s]) => [label, +s.toFixed(2)]),
      ),
    }),
  );
});
