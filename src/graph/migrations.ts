import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Executor } from './executor.js';

/** The Cypher names migrations use, checked at start. */
export const MIGRATION_QUERIES = ['system/migrations-applied', 'system/migration-record'] as const;

/** One file of cypher/migrations: ordered by its numeric prefix, each statement idempotent. */
export interface Migration {
  name: string;
  checksum: string;
  statements: string[];
}

/** Reads the migration files in order; statements are separated by `;` at the end of a line. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.cypher$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const statements = text
        .split(/;\s*$/m)
        .map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim())
        .filter((s) => s.length > 0);
      return { name: file, checksum: createHash('sha256').update(text).digest('hex'), statements };
    });
}

/**
 * Applies migrations not yet recorded in the graph. Every statement is idempotent
 * (IF NOT EXISTS), so two instances starting together, or a crash half-way, are harmless.
 */
export async function migrate(executor: Executor, dir: string, logger: Logger): Promise<string[]> {
  await executor.schema(
    'CREATE CONSTRAINT migration_name IF NOT EXISTS FOR (m:Migration) REQUIRE m.name IS UNIQUE',
  );
  const applied = new Set(
    (await executor.read('system/migrations-applied')).map((r) => String(r.name)),
  );
  const done: string[] = [];
  for (const migration of readMigrations(dir)) {
    if (applied.has(migration.name)) continue;
    for (const statement of migration.statements) await executor.schema(statement);
    await executor.write('system/migration-record', {
      name: migration.name,
      checksum: migration.checksum,
    });
    logger.info({ migration: migration.name }, 'migration applied');
    done.push(migration.name);
  }
  await executor.schema('CALL db.awaitIndexes(300)');
  return done;
}
