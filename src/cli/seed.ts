import { fromRoot } from '../paths.js';
import { readDocument } from './read-document.js';
import { cliActor, runCli, withServices } from './runtime.js';

/** `npm run seed`: imports the demo CMDB (seed/demo-cmdb.json); running it again changes nothing. */
runCli(async () => {
  const doc = await readDocument([fromRoot('seed', 'demo-cmdb.json')]);
  const result = await withServices((services) =>
    services.importer.importConfiguration(cliActor('seed'), null, doc, 'batched'),
  );
  console.log(JSON.stringify(result));
});
