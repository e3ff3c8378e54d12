import neo4j from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Executor } from '../../graph/executor.js';
import { DEPENDENCY_KINDS, type ServiceModel } from '../cmdb/models.js';
import type { IncomingVisitor, TopologyView } from './propagation.js';

const PAGE = 10000;
const SERVICE = 1;
const RETIRED = 2;
const MEMBER = 1;
const HARD = 2;

/**
 * The whole dependency graph in memory, as compressed incoming-edge arrays over dense integer
 * ids, tagged with the topology version it was read at. Every CMDB write bumps that version in
 * its own transaction, so a request that reads the current version first knows whether this copy
 * is exact; when it is not, the caller falls back to reading Neo4j and a rebuild starts.
 */
export class TopologyIndex implements TopologyView {
  /** Service models read while this copy was current (exact as long as it is: see ImpactService). */
  readonly services = new Map<string, ServiceModel>();

  private constructor(
    readonly version: number,
    readonly ids: string[],
    private readonly index: Map<string, number>,
    private readonly flags: Uint8Array,
    private readonly k: Int32Array,
    private readonly members: Int32Array,
    private readonly offsets: Int32Array,
    private readonly sources: Int32Array,
    private readonly edgeFlags: Uint8Array,
  ) {}

  /** Reads the graph page by page, the version first (so the copy is never older than its tag). */
  static async load(executor: Executor): Promise<TopologyIndex> {
    const [v] = await executor.read('system/topology-version');
    const version = Number(v!.version);
    const ids: string[] = [];
    const index = new Map<string, number>();
    const flagList: number[] = [];
    const kList: number[] = [];
    const indexOf = (id: string) => {
      let i = index.get(id);
      if (i === undefined) {
        i = ids.length;
        ids.push(id);
        index.set(id, i);
        flagList.push(0);
        kList.push(-1);
      }
      return i;
    };
    let from = new Int32Array(1 << 16);
    let to = new Int32Array(1 << 16);
    let ef = new Uint8Array(1 << 16);
    let edges = 0;
    let afterId = '';
    for (;;) {
      const rows = await executor.read('impact/topology-page', {
        afterId,
        limit: neo4j.int(PAGE),
        kinds: DEPENDENCY_KINDS,
      });
      if (rows.length === 0) break;
      for (const r of rows) {
        const n = indexOf(String(r.id));
        flagList[n] = (r.service ? SERVICE : 0) | (r.retired ? RETIRED : 0);
        kList[n] = r.minMembersUp == null ? -1 : Number(r.minMembersUp);
        for (const [target, member, hard] of r.out as [string, boolean, boolean][]) {
          if (edges === from.length) {
            from = grow(from);
            to = grow(to);
            ef = grow(ef);
          }
          from[edges] = n;
          to[edges] = indexOf(target);
          ef[edges] = (member ? MEMBER : 0) | (hard ? HARD : 0);
          edges += 1;
        }
      }
      afterId = String(rows.at(-1)!.id);
    }
    const count = ids.length;
    const flags = Uint8Array.from(flagList);
    const k = Int32Array.from(kList);
    const members = new Int32Array(count);
    const offsets = new Int32Array(count + 1);
    for (let e = 0; e < edges; e++) {
      offsets[to[e]! + 1]! += 1;
      if (ef[e]! & MEMBER && !(flags[from[e]!]! & RETIRED) && !(flags[to[e]!]! & RETIRED))
        members[from[e]!]! += 1;
    }
    for (let n = 0; n < count; n++) offsets[n + 1]! += offsets[n]!;
    const fill = offsets.slice(0, count);
    const sources = new Int32Array(edges);
    const edgeFlags = new Uint8Array(edges);
    for (let e = 0; e < edges; e++) {
      const at = fill[to[e]!]!++;
      sources[at] = from[e]!;
      edgeFlags[at] = ef[e]!;
    }
    return new TopologyIndex(version, ids, index, flags, k, members, offsets, sources, edgeFlags);
  }

  /** How many components it holds. */
  get size(): number {
    return this.ids.length;
  }

  /** How many edges it holds. */
  get edgeCount(): number {
    return this.sources.length;
  }

  /** The dense index of a component id, or undefined when it is not in the copy. */
  find(id: string): number | undefined {
    return this.index.get(id);
  }

  indexOf(id: string): number {
    return this.index.get(id)!;
  }

  isService(node: number): boolean {
    return (this.flags[node]! & SERVICE) !== 0;
  }

  retired(node: number): boolean {
    return (this.flags[node]! & RETIRED) !== 0;
  }

  minMembersUp(node: number): number | null {
    const k = this.k[node]!;
    return k < 0 ? null : k;
  }

  memberCount(node: number): number {
    return this.members[node]!;
  }

  forEachIncoming(node: number, visit: IncomingVisitor): void {
    const end = this.offsets[node + 1]!;
    for (let at = this.offsets[node]!; at < end; at++) {
      const f = this.edgeFlags[at]!;
      visit(this.sources[at]!, (f & MEMBER) !== 0, (f & HARD) !== 0);
    }
  }
}

function grow<T extends Int32Array | Uint8Array>(a: T): T {
  const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}

/**
 * Keeps a TopologyIndex fresh enough to use: `current()` answers the copy only when its version
 * is the graph's current one, and otherwise starts one rebuild in the background. With a
 * `maxAgeMs` above 0, `fresh()` also answers it without a round trip while the last check that
 * found it current was sent less than that long ago and this process has written nothing since.
 */
export class TopologyIndexHolder {
  private index: TopologyIndex | undefined;
  private building: Promise<void> | undefined;
  /** The newest version read: when its read was sent, and the process's write count then. */
  private checked: { version: number; sentAt: number; writes: number } | undefined;

  constructor(
    private readonly executor: Executor,
    private readonly logger: Logger,
    private readonly maxAgeMs = 0,
  ) {}

  /**
   * The copy when a check sent at most `maxAgeMs` ago found it current and no write transaction
   * of this process has ended since that check was sent; undefined otherwise (then `current()`).
   */
  fresh(): TopologyIndex | undefined {
    const c = this.checked;
    if (!c || this.maxAgeMs <= 0 || this.index?.version !== c.version) return undefined;
    if (c.writes !== this.executor.writeCount) return undefined;
    return performance.now() - c.sentAt <= this.maxAgeMs ? this.index : undefined;
  }

  /** The copy at hand, whatever its version: work done on it is kept only if `current()` answers it. */
  get latest(): TopologyIndex | undefined {
    return this.index;
  }

  /** The copy if it is exact for the current version (one round trip to read it), else undefined. */
  async current(): Promise<TopologyIndex | undefined> {
    // Stamped with the send time and the write count before it: what the read finds was current
    // then, and may not be after a write of this process that ends while it travels.
    const sentAt = performance.now();
    const writes = this.executor.writeCount;
    const [row] = await this.executor.read('system/topology-version');
    const version = Number(row!.version);
    if (!this.checked || this.checked.sentAt < sentAt) this.checked = { version, sentAt, writes };
    if (this.index?.version === version) return this.index;
    this.rebuild();
    return undefined;
  }

  /** Starts a rebuild unless one is running; resolves when it ends. */
  rebuild(): Promise<void> {
    this.building ??= (async () => {
      const started = Date.now();
      try {
        const index = await TopologyIndex.load(this.executor);
        this.index = index;
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
