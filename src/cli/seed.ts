import { seedChangesIfEmpty } from '../modules/change/seed.js';
import { seedKnowledgeIfEmpty } from '../modules/knowledge/seed.js';
import { seedMeasurementsIfEmpty } from '../modules/supply/seed.js';
import { fromRoot } from '../paths.js';
import { readDocument } from './read-document.js';
import { cliCaller } from '../modules/access/caller.js';
import { runCli, withServices } from './runtime.js';

/**
 * `npm run seed`: imports the demo CMDB (seed/demo-cmdb.json) and, into an empty knowledge base,
 * the demo known errors (seed/known-errors.json), the change calendar and twelve months of SLA
 * measurements; running it again changes nothing.
 */
runCli(async () => {
  const doc = await readDocument([fromRoot('seed', 'demo-cmdb.json')]);
  const result = await withServices(async (services, executor, logger) => {
    const imported = await services.importer.importConfiguration(cliCaller('seed'), doc, 'batched');
    const knownErrors = await seedKnowledgeIfEmpty(executor, services, logger);
    const changes = await seedChangesIfEmpty(executor, services, logger);
    const measurements = await seedMeasurementsIfEmpty(executor, services, logger);
    return { ...imported, knownErrors, changes, measurements };
  });
  console.log(JSON.stringify(result));
});
