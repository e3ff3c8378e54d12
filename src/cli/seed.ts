import { seedChangesIfEmpty } from '../modules/change/seed.js';
import { seedKnowledgeIfEmpty } from '../modules/knowledge/seed.js';
import { seedMeasurementsIfEmpty } from '../modules/supply/seed.js';
import { fromRoot } from '../paths.js';
import { InterruptedError } from '../progress.js';
import { readDocument } from './read-document.js';
import { cliCaller } from '../modules/access/caller.js';
import { CliProgress } from './progress.js';
import { runCli, withServices } from './runtime.js';

/**
 * `npm run seed [-- --quiet]`: imports the demo CMDB (seed/demo-cmdb.json) and, into an empty
 * knowledge base, the demo known errors (seed/known-errors.json), the change calendar and twelve
 * months of SLA measurements, with progress; running it again changes nothing (and completes an
 * interrupted one).
 */
runCli(async () => {
  const progress = CliProgress.forArgs(process.argv.slice(2)).interruptible();
  const doc = await readDocument([fromRoot('seed', 'demo-cmdb.json')]);
  try {
    const result = await withServices(async (services, executor, logger) => {
      const { created, updated, unchanged } = await services.importer.importConfiguration(
        cliCaller('seed'),
        doc,
        'batched',
        { progress },
      );
      const step = async <T>(name: string, work: () => Promise<T>) => {
        progress.checkpoint();
        const phase = progress.phase(name, 1);
        const done = await work();
        phase.advance();
        phase.end();
        return done;
      };
      const knownErrors = await step('seed known errors', () =>
        seedKnowledgeIfEmpty(executor, services, logger),
      );
      const changes = await step('seed the change calendar', () =>
        seedChangesIfEmpty(executor, services, logger),
      );
      const measurements = await step('seed SLA measurements', () =>
        seedMeasurementsIfEmpty(executor, services, logger),
      );
      return { created, updated, unchanged, knownErrors, changes, measurements };
    });
    progress.stop();
    console.log(JSON.stringify(result));
  } catch (error) {
    progress.stop();
    if (!(error instanceof InterruptedError)) throw error;
    console.error('interrupted between batches; run npm run seed again to complete it');
    process.exit(130);
  }
});
