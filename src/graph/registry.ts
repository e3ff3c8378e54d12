import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Named Cypher queries, loaded once at start from `cypher/<domain>/<name>.cypher`. */
export class CypherRegistry {
  private constructor(private readonly queries: ReadonlyMap<string, string>) {}

  /** Loads every .cypher file below `root` except migrations, keyed `domain/name`. */
  static load(root: string): CypherRegistry {
    const queries = new Map<string, string>();
    for (const domain of readdirSync(root)) {
      const dir = path.join(root, domain);
      if (domain === 'migrations' || !statSync(dir).isDirectory()) continue;
      for (const file of readdirSync(dir)) {
        if (!file.endsWith('.cypher')) continue;
        queries.set(
          `${domain}/${file.slice(0, -'.cypher'.length)}`,
          readFileSync(path.join(dir, file), 'utf8'),
        );
      }
    }
    return new CypherRegistry(queries);
  }

  /** The text of a named query; a missing name is a programming error that stops the start. */
  get(name: string): string {
    const text = this.queries.get(name);
    if (text === undefined)
      throw new Error(`no Cypher query named ${name} (expected cypher/${name}.cypher)`);
    return text;
  }

  /** Checks at start that every name a repository uses exists, so a missing file fails fast. */
  require(names: readonly string[]): void {
    const missing = names.filter((n) => !this.queries.has(n));
    if (missing.length > 0)
      throw new Error(
        `missing Cypher files: ${missing.map((n) => `cypher/${n}.cypher`).join(', ')}`,
      );
  }
}
