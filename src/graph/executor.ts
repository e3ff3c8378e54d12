import {
  isRetryableError,
  type Driver,
  type ManagedTransaction,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import { MAX_TRANSACTION_RETRY_MS } from './driver.js';
import type { Logger } from 'pino';
import { mapNeo4jError } from './errors.js';
import { plainRecord } from './mapping.js';
import type { CypherRegistry } from './registry.js';

/** Runs named queries inside one transaction. */
export interface QueryRunner {
  /** Runs a named query with parameters and returns its records made plain. */
  run(name: string, params?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
}

/**
 * The one way the service talks to Neo4j: named queries from the registry, values always as
 * parameters, read or write transactions by access mode, the query name sent as metadata,
 * sessions closed in `finally`.
 */
export class Executor {
  /** Queries sent since start; tests read it to count Bolt round trips. */
  queryCount = 0;
  /**
   * Write transactions ended since start (committed or not), counted before the caller hears of
   * the end: what was read before a write of this process cannot be taken for current after it.
   */
  writeCount = 0;
  /** Told the duration of every transaction, by its label (metrics). */
  onTransaction: ((label: string, seconds: number) => void) | undefined;

  constructor(
    readonly driver: Driver,
    private readonly registry: CypherRegistry,
    private readonly options: { database: string; transactionTimeoutMs: number },
    private readonly logger: Logger,
  ) {}

  /** The database the executor's sessions use. */
  get database(): string {
    return this.options.database;
  }

  /** The text of a named query, for work the executor does not run itself (streamed exports). */
  textOf(name: string): string {
    return this.registry.get(name);
  }

  /** Runs one named read query (auto-commit: one round trip; see `readSingle`). */
  read(name: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    return this.readSingle(name, (tx) => tx.run(name, params));
  }

  /** Runs one named query in a write transaction. */
  write(name: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    return this.writeTx(name, (tx) => tx.run(name, params));
  }

  /**
   * Runs `work`, which sends exactly one read query, as an auto-commit query: BEGIN, RUN and PULL
   * go out together and nothing is left to commit, so it costs one round trip where a transaction
   * costs two. One query reads one consistent snapshot, so nothing is lost; a second query is a
   * programming error and throws (use `readTx`). Retried like a transaction on transient errors.
   */
  async readSingle<T>(label: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.autoCommit(label, work);
        } catch (error) {
          const retry =
            isRetryableError(error) && performance.now() - started < MAX_TRANSACTION_RETRY_MS;
          if (!retry) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        }
      }
    } catch (error) {
      throw mapNeo4jError(error, label);
    } finally {
      this.onTransaction?.(label, (performance.now() - started) / 1000);
    }
  }

  private async autoCommit<T>(label: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: 'READ',
    });
    let sent = false;
    try {
      return await work({
        run: async (name, params = {}) => {
          if (sent) throw new Error(`readSingle(${label}) runs one query; ${name} is a second`);
          sent = true;
          this.queryCount += 1;
          this.logger.debug({ query: name, params }, 'cypher');
          const result = await session.run(this.registry.get(name), params, {
            metadata: { query: label },
            timeout: this.options.transactionTimeoutMs,
          });
          return result.records.map((r: Neo4jRecord) => plainRecord(r));
        },
      });
    } finally {
      await session.close();
    }
  }

  /** Runs `work` in one read transaction (retried by the driver on transient errors). */
  readTx<T>(label: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    return this.transaction('READ', label, work);
  }

  /** Runs `work` in one write transaction: everything it runs commits together or not at all. */
  writeTx<T>(label: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    return this.transaction('WRITE', label, work);
  }

  private async transaction<T>(
    mode: 'READ' | 'WRITE',
    label: string,
    work: (tx: QueryRunner) => Promise<T>,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode,
    });
    const config = { metadata: { query: label }, timeout: this.options.transactionTimeoutMs };
    const body = (tx: ManagedTransaction) => work(this.runner(tx));
    const started = performance.now();
    try {
      return mode === 'READ'
        ? await session.executeRead(body, config)
        : await session.executeWrite(body, config);
    } catch (error) {
      throw mapNeo4jError(error, label);
    } finally {
      if (mode === 'WRITE') this.writeCount += 1;
      this.onTransaction?.(label, (performance.now() - started) / 1000);
      await session.close();
    }
  }

  private runner(tx: ManagedTransaction): QueryRunner {
    return {
      run: async (name, params = {}) => {
        const text = this.registry.get(name);
        this.queryCount += 1;
        this.logger.debug({ query: name, params }, 'cypher');
        const result = await tx.run(text, params);
        return result.records.map((r: Neo4jRecord) => plainRecord(r));
      },
    };
  }

  /** Runs one schema statement on its own (schema and data writes cannot share a transaction). */
  async schema(statement: string): Promise<void> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: 'WRITE',
    });
    try {
      await session.run(statement);
    } finally {
      await session.close();
    }
  }

  /** True when the database answers a trivial read. */
  async ping(): Promise<boolean> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: 'READ',
    });
    try {
      await session.run('RETURN 1');
      return true;
    } catch {
      return false;
    } finally {
      await session.close();
    }
  }
}
