import type { Logger } from 'pino';
import type { Executor } from '../../graph/executor.js';
import type { ServiceModel } from '../cmdb/models.js';
import { READ_CACHE_ENTRIES } from '../../config.js';
import { ReadCache, type ReadCopy } from '../cmdb/read-cache.js';
import { compactAssets } from './asset-columns.js';
import { analyzeInMemory, type MemoryAnswer } from './memory-analysis.js';
import { impactRepository as repo, type TopologyRow, type TopologyVersion } from './repository.js';
import { TopologyIndex } from './topology-index.js';
import type { ImpactQuestion, TopologySource } from './topology-source.js';

/** Rows a full read asks for at a time. */
const PAGE = 10000;
/** Past this many overridden components, a full read in the background compacts the overrides. */
const COMPACT_AFTER = 4096;
/** A catch-up reads at most this many changed components; past it, the copy is read again in full. */
const MAX_CATCH_UP_IDS = 20000;
/** ... and spans at most this many versions (as many change records as are kept). */
export const MAX_CATCH_UP_VERSIONS = 1000;

/** Reads the graph page by page, the version first (so the copy is never older than its tag). */
export async function readTopology(executor: Executor): Promise<TopologyIndex> {
  const { version, epoch } = await repo.version(executor);
  const rows: TopologyRow[] = [];
  const strings = new Map<string, string>();
  for (let afterId = ''; ;) {
    const page = await repo.page(executor, afterId, PAGE);
    if (page.length === 0) break;
    compactAssets(page, strings);
    rows.push(...page);
    afterId = page.at(-1)!.id;
  }
  return TopologyIndex.fromRows(version, rows, epoch);
}

/**
 * Service models read while a copy was current: every write to a CMDB entity bumps the topology
 * version, so what was read while a version is current stays exact for as long as the copy does.
 * A patched copy carries over the models of the services its patch did not name.
 */
export class ServiceModelCache {
  private readonly byCopy = new WeakMap<TopologyIndex, Map<string, ServiceModel>>();

  /** The models known exact for `copy` (a live map: the report adds what it loads). */
  modelsOf(copy: TopologyIndex): Map<string, ServiceModel> {
    let models = this.byCopy.get(copy);
    if (!models) this.byCopy.set(copy, (models = new Map()));
    return models;
  }

  /** Gives `patched` the models of `from` except those of the ids its patch changed. */
  carryOver(from: TopologyIndex, patched: TopologyIndex, changedIds: Iterable<string>): void {
    const models = new Map(this.byCopy.get(from));
    for (const id of changedIds) models.delete(id);
    this.byCopy.set(patched, models);
  }
}

/**
 * Keeps a TopologyIndex fresh enough to use, and answers analyses on it (the memory source):
 * `current()` gives the copy only when its version is the graph's current one. The same round
 * trip that reads the version brings what a copy that is behind needs to catch up: the components
 * the writes since its version changed, as the change records list them; the copy is then patched
 * (in proportion to what changed) instead of read again. When it cannot be (records pruned, or a
 * change too large to list, such as a restore or a bulk import's batch), one full read starts in
 * the background. With a `maxAgeMs` above 0, `fresh()` also gives the copy without a round trip
 * while the last check that found it current was sent less than that long ago and this process
 * has written nothing since.
 */
export class TopologyIndexHolder implements TopologySource {
  private index: TopologyIndex | undefined;
  private building: Promise<void> | undefined;
  /** The newest version read: when its read was sent, and the process's write count then. */
  private checked: (TopologyVersion & { sentAt: number; writes: number }) | undefined;
  /**
   * Full reads, catch-ups, copies answered without a check, and background checks ended so far
   * (for tests and the log).
   */
  readonly stats = { builds: 0, catchUps: 0, fresh: 0, polls: 0 };
  readonly serviceModels = new ServiceModelCache();
  /** What the CMDB's reads found per copy (see cmdb/read-cache). */
  readonly reads: ReadCache;
  /** The version read out, and the one that the calls made while it travels wait for. */
  private shared: {
    out?: Promise<TopologyIndex | undefined>;
    next?: Promise<TopologyIndex | undefined>;
  } = {};
  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly executor: Executor,
    private readonly logger: Logger,
    private readonly maxAgeMs = 0,
    readCacheEntries = READ_CACHE_ENTRIES,
  ) {
    this.reads = new ReadCache(readCacheEntries);
  }

  /**
   * The analysis on the copy when its version is the graph's current one and it knows every
   * input; undefined otherwise (the next source walks Neo4j). While the version read travels,
   * the analysis runs speculatively on the copy at hand, and is kept if that copy turns out to be
   * the current one, or if the catch-up that made the current one touched nothing it reached.
   */
  async answer(question: ImpactQuestion): Promise<MemoryAnswer | undefined> {
    const fresh = this.fresh();
    if (fresh) return this.withModels(analyzeInMemory(fresh, question));
    const checked = this.current();
    checked.catch(() => undefined); // its failure is thrown where it is awaited, below
    const copyAtHand = this.index;
    let speculative: MemoryAnswer | undefined;
    if (copyAtHand) {
      await new Promise(setImmediate); // lets the driver write the query before the CPU is taken
      speculative = analyzeInMemory(copyAtHand, question);
    }
    const index = await checked;
    if (!index) return undefined;
    if (index === copyAtHand) return this.withModels(speculative);
    if (speculative && copyAtHand && index.answersAlike(copyAtHand, speculative.reached))
      return this.withModels({ ...speculative, topology: index });
    return this.withModels(analyzeInMemory(index, question));
  }

  private withModels(answer: MemoryAnswer | undefined): MemoryAnswer | undefined {
    return answer && { ...answer, serviceModels: this.serviceModels.modelsOf(answer.topology) };
  }

  /**
   * The copy when a check sent at most `maxAgeMs` ago found it current and no write transaction
   * of this process has ended since that check was sent; undefined otherwise (then `current()`).
   */
  fresh(): TopologyIndex | undefined {
    const c = this.checked;
    const at = this.index;
    if (!c || this.maxAgeMs <= 0 || at?.version !== c.version || at.epoch !== c.epoch)
      return undefined;
    if (c.writes !== this.executor.writeCount) return undefined;
    if (performance.now() - c.sentAt > this.maxAgeMs) return undefined;
    this.stats.fresh += 1;
    return this.index;
  }

  /**
   * With a `maxAgeMs` above 0, checks the version every `maxAgeMs / 2` ms in the background (and
   * catches the copy up), so that an analysis finds a check younger than the bound even after a
   * quiet spell: then no analysis waits for one, unless this process has just written. One small
   * read per tick; a tick is skipped while the last one is still out. Stopped by `stop()`.
   */
  start(): void {
    if (this.maxAgeMs <= 0 || this.poller) return;
    let out = false;
    this.poller = setInterval(
      () => {
        if (out) return;
        out = true;
        this.current()
          .catch((err) => this.logger.debug({ err }, 'topology version check failed'))
          .finally(() => {
            out = false;
            this.stats.polls += 1;
          });
      },
      Math.max(1, Math.floor(this.maxAgeMs / 2)),
    );
    this.poller.unref();
  }

  /** The copy exact for the current version (`fresh()`, else `current()`), or undefined. */
  async exact(): Promise<TopologyIndex | undefined> {
    return this.fresh() ?? (await this.current());
  }

  /**
   * The read copy of the version current when this was called (see cmdb/read-cache), or
   * undefined when there is no exact copy (then Neo4j answers). A check sent after the call
   * tells: when one is already out (sent before), the call waits for it and shares the next
   * one with every call made meanwhile, so that under load one round trip serves many requests.
   */
  async readCopy(): Promise<ReadCopy | undefined> {
    const copy = this.fresh() ?? (await this.sharedCheck());
    return copy && this.reads.of(copy);
  }

  private sharedCheck(): Promise<TopologyIndex | undefined> {
    const s = this.shared;
    if (!s.out) {
      const out = this.current().finally(() => {
        if (s.out === out) s.out = undefined;
      });
      s.out = out;
      return out;
    }
    s.next ??= s.out
      .catch(() => undefined)
      .then(() => {
        s.next = undefined;
        return this.sharedCheck();
      });
    return s.next;
  }

  /** Stops the background checks. */
  stop(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  /** The copy at hand, whatever its version: work done on it is kept only if `current()` gives it. */
  get latest(): TopologyIndex | undefined {
    return this.index;
  }

  /**
   * The copy if it is exact for the current version, caught up first when it was behind (one
   * round trip either way), else undefined.
   */
  async current(): Promise<TopologyIndex | undefined> {
    // Stamped with the send time and the write count before it: what the read finds was current
    // then, and may not be after a write of this process that ends while it travels.
    const sentAt = performance.now();
    const writes = this.executor.writeCount;
    const { version, epoch, index } = await this.check(this.index);
    if (!this.checked || this.checked.sentAt < sentAt)
      this.checked = { version, epoch, sentAt, writes };
    if (index) this.install(index);
    // A copy newer than the version read (of the same epoch) holds everything that version does.
    const at = this.index;
    if (at && at.epoch === epoch && at.version >= version) return at;
    void this.rebuild();
    return undefined;
  }

  /**
   * Reads the current version and, when `base` is behind it, patches `base` up to it from the
   * change records; `index` is the copy exact for `version`, if there is one.
   */
  private async check(
    base: TopologyIndex | undefined,
  ): Promise<TopologyVersion & { index: TopologyIndex | undefined }> {
    const { version, epoch, changedIds, rows } = await repo.check(
      this.executor,
      base ? base.version : null,
      { maxVersions: MAX_CATCH_UP_VERSIONS, maxIds: MAX_CATCH_UP_IDS },
    );
    // Another epoch (the database was emptied since): its versions say nothing about this copy.
    if (!base || base.epoch !== epoch) return { version, epoch, index: undefined };
    if (base.version >= version) return { version, epoch, index: base };
    if (changedIds === null) return { version, epoch, index: undefined };
    const next = base.withChanges(version, rows);
    this.serviceModels.carryOver(base, next, changedIds);
    const changed = new Set(changedIds);
    const invalid = new Set(changed);
    for (const id of changed)
      for (const copy of [base, next]) for (const n of copy.neighbourIds(id)) invalid.add(n);
    this.reads.carryOver(base, next, changed, invalid);
    this.stats.catchUps += 1;
    this.logger.debug(
      { from: base.version, version, changed: rows.length, patched: next.patchedCount },
      'topology index caught up',
    );
    // Overrides accumulate; past COMPACT_AFTER of them, a full read in the background compacts them.
    if (next.patchedCount > COMPACT_AFTER) void this.rebuild();
    return { version, epoch, index: next };
  }

  /**
   * Makes `index` the copy at hand unless the one there is newer (in the same epoch), or as new
   * and not `overSameVersion` (a compacted full read replaces a patched copy of its version).
   */
  private install(index: TopologyIndex, overSameVersion = false): void {
    const at = this.index;
    if (
      !at ||
      at.epoch !== index.epoch ||
      at.version < index.version ||
      (overSameVersion && at.version === index.version)
    ) {
      // A compacted copy of the same version: what was read on the one it replaces stays exact.
      if (at && at.epoch === index.epoch && at.version === index.version) {
        this.serviceModels.carryOver(at, index, []);
        this.reads.carryOver(at, index, new Set(), new Set());
      }
      this.index = index;
    }
  }

  /** Starts a full rebuild unless one is running; resolves when it ends. */
  rebuild(): Promise<void> {
    this.building ??= (async () => {
      const started = Date.now();
      try {
        const index = await readTopology(this.executor);
        this.stats.builds += 1;
        // Patched copies may have moved past it while it was read: it catches up before it
        // replaces them (and is dropped if it cannot).
        const at = this.index;
        const behind = at && at.epoch === index.epoch && at.version >= index.version;
        const compacted = behind ? (await this.check(index)).index : index;
        if (compacted) this.install(compacted, true);
        this.logger.info(
          {
            components: index.size,
            edges: index.edgeCount,
            version: index.version,
            ms: Date.now() - started,
          },
          'topology index built',
        );
      } catch (err) {
        this.logger.warn({ err }, 'topology index build failed; impact analysis reads Neo4j');
      } finally {
        this.building = undefined;
      }
    })();
    return this.building;
  }
}
