import { seedKnowledgeIfEmpty } from '../modules/knowledge/seed.js';
import { fromRoot } from '../paths.js';
import { readDocument } from './read-document.js';
import { cliActor, runCli, withServices } from './runtime.js';

/**
 * `npm run seed`: imports the demo CMDB (seed/demo-cmdb.json) and, into an empty knowledge base,
 * the demo known errors (seed/known-errors.json); running it again changes nothing.
 */
runCli(async () => {
  const doc = await readDocument([fromRoot('seed', 'demo-cmdb.json')]);
  const result = await withServices(async (services, logger) => {
    const imported = await services.importer.importConfiguration(
      cliActor('seed'),
      null,
      doc,
      'batched',
    );
    return { ...imported, knownErrors: await seedKnowledgeIfEmpty(services, logger) };
  });
  console.log(JSON.stringify(result));
});
