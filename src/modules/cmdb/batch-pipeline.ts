import type { Executor, QueryRunner } from '../../graph/executor.js';

/** The list in slices of `size`. */
export const chunks = <T>(list: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** Items by key, in first-seen order (Map.groupBy, which Node 20 lacks). */
export const groupBy = <T>(items: T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

/** Edges in batches of about `size`, each source's edges together in one batch (one record each). */
export const bySource = <T extends { fromId: string }>(rows: T[], size: number): T[][] => {
  const out: T[][] = [];
  let batch: T[] = [];
  for (const group of groupBy(rows, (r) => r.fromId).values()) {
    if (batch.length > 0 && batch.length + group.length > size) {
      out.push(batch);
      batch = [];
    }
    for (const r of group) batch.push(r);
  }
  if (batch.length > 0) out.push(batch);
  return out;
};

/** A promise with its resolve and reject (Promise.withResolvers, which Node 20 lacks). */
const settlement = () => {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined); // a failed batch is reported by its writer
  return { promise, resolve, reject };
};

/**
 * Runs batches of writes, each in a transaction of its own, `writers` at a time: that keeps every
 * core of the database busy. Batch j starts once every batch up to j - writers has committed, so
 * a batch may count on what those wrote. The driver retries one that loses a deadlock. A failure
 * (or `hooks.before` throwing, as an interruption does) stops the pipeline: no batch starts after
 * it, the batches in flight end, and then it is thrown; batches already committed stay.
 */
export async function runBatches<T>(
  executor: Executor,
  label: string,
  batches: T[][],
  writers: number,
  work: (tx: QueryRunner, batch: T[]) => Promise<void>,
  hooks: { before?: () => void; committed?: (batch: T[]) => void } = {},
): Promise<void> {
  const committed = batches.map(() => settlement());
  let next = 0;
  let stopped = false;
  const writer = async () => {
    while (next < batches.length && !stopped) {
      const j = next++;
      try {
        await Promise.all(committed.slice(0, Math.max(0, j - writers + 1)).map((c) => c.promise));
        hooks.before?.();
        await executor.writeTx(label, (tx) => work(tx, batches[j]!));
        committed[j]!.resolve();
        hooks.committed?.(batches[j]!);
      } catch (error) {
        stopped = true;
        committed[j]!.reject(error);
        throw error;
      }
    }
  };
  const ends = await Promise.allSettled(
    Array.from({ length: Math.min(writers, batches.length) }, writer),
  );
  const failed = ends.find((e): e is PromiseRejectedResult => e.status === 'rejected');
  if (failed) throw failed.reason;
}
