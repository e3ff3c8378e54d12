import neo4j from 'neo4j-driver';
import type { Index } from 'meilisearch';
import type { Logger } from 'pino';
import type { Executor } from '../graph/executor.js';
import { readDocuments, type ArticleDocument } from './meili-documents.js';

/** Outbox entries relayed per round. */
const BATCH = 200;
/** The longest wait between retries after Meilisearch failed. */
const MAX_BACKOFF_MS = 30000;

/**
 * Carries article changes from the Neo4j outbox to Meilisearch. Each round re-reads the current
 * state of the changed articles (so replays and reordering are harmless), upserts or deletes
 * them, waits for the task and checks its final status (the client does not throw on a failed
 * task), and only then removes the outbox entries. Failures back off exponentially and retry.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly executor: Executor,
    private readonly index: () => Index<ArticleDocument>,
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly taskTimeoutMs = 30000,
  ) {}

  /** Starts relaying in the background. */
  start(): void {
    this.schedule(0);
  }

  /** Stops after the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays until the outbox is empty; returns how many entries it relayed. Throws on failure. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.round();
      total += relayed;
      if (relayed === 0) return total;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => {
          this.failures = 0;
          this.schedule(this.intervalMs);
        })
        .catch((err: unknown) => {
          this.failures += 1;
          const backoff = Math.min(MAX_BACKOFF_MS, this.intervalMs * 2 ** this.failures);
          this.logger.warn({ err, retryInMs: backoff }, 'search outbox relay failed; will retry');
          this.schedule(backoff);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One batch: read, upsert or delete, confirm, then clear the entries. */
  private async round(): Promise<number> {
    const pending = await this.executor.read('knowledge/outbox-pending', {
      limit: neo4j.int(BATCH),
    });
    if (pending.length === 0) return 0;
    const ids = [...new Set(pending.map((p) => String(p.articleId)))];
    const docs = await this.executor.readTx('searchOutboxArticles', (tx) => readDocuments(tx, ids));
    const upserts = docs.filter((d): d is ArticleDocument => d !== undefined);
    const deletes = ids.filter((_, i) => docs[i] === undefined);
    const index = this.index();
    if (upserts.length > 0)
      checkTask(await index.addDocuments(upserts, { primaryKey: 'id' }).waitTask(this.wait()));
    if (deletes.length > 0) checkTask(await index.deleteDocuments(deletes).waitTask(this.wait()));
    await this.executor.write('knowledge/outbox-done', { ids: pending.map((p) => String(p.id)) });
    this.logger.debug(
      { upserts: upserts.length, deletes: deletes.length },
      'search outbox relayed',
    );
    return pending.length;
  }

  private wait() {
    return { timeout: this.taskTimeoutMs, interval: 50 };
  }
}

/** Throws when a Meilisearch task did not succeed. */
export function checkTask(task: {
  status: string;
  uid: number;
  error: { message: string; code?: string } | null;
}): void {
  if (task.status !== 'succeeded') {
    throw new Error(
      `Meilisearch task ${task.uid} ended ${task.status}: ${task.error?.message ?? 'no error given'}`,
    );
  }
}
