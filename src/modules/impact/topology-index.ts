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

/** One component as the topology queries return it, with its outgoing dependency edges. */
export interface TopologyRow {
  id: string;
  service: boolean;
  retired: boolean;
  minMembersUp: number | null;
  /** Outgoing edges: target id, whether it is a MEMBER edge, whether it is HARD. */
  out: [string, boolean, boolean][];
}

/** An edge list of one component: the other ends and the edges' flags, side by side. */
interface Adjacency {
  nodes: Int32Array;
  flags: Uint8Array;
}

const NO_EDGES: Adjacency = { nodes: new Int32Array(0), flags: new Uint8Array(0) };

/**
 * What a full read of the graph built and its patches share: the ids of the components it read,
 * their flags, k and member counts, and their incoming and outgoing edges as compressed arrays
 * over dense integer ids, never changed once built; and `marks`, which only ever gain ones: the
 * components some patch of this read has overridden (a copy looks its overrides up only there).
 */
class TopologyBase {
  marks: Uint8Array;

  constructor(
    readonly ids: string[],
    readonly index: Map<string, number>,
    readonly flags: Uint8Array,
    readonly k: Int32Array,
    readonly members: Int32Array,
    readonly inOffsets: Int32Array,
    readonly inSources: Int32Array,
    readonly inFlags: Uint8Array,
    readonly outOffsets: Int32Array,
    readonly outTargets: Int32Array,
    readonly outFlags: Uint8Array,
  ) {
    this.marks = new Uint8Array(ids.length);
  }

  get count(): number {
    return this.ids.length;
  }

  /** Marks a component as overridden, growing the marks for components patches added. */
  mark(node: number): void {
    if (node >= this.marks.length) {
      const bigger = new Uint8Array(
        Math.max(node + 1, this.marks.length + (this.marks.length >> 3) + 64),
      );
      bigger.set(this.marks);
      this.marks = bigger;
    }
    this.marks[node] = 1;
  }
}

/**
 * How patches changed a component's incoming edges, against the full read's: the positions of
 * the read's edges they removed, and the edges they added. A hub's thousands of edges stay where
 * they are when one of them changes.
 */
interface IncomingDelta {
  removedAt: Set<number>;
  added: Adjacency;
}

/** What a patch says of one component, in place of the full read: never changed once made. */
interface Override {
  flags: number;
  k: number;
  members: number;
  /** Its incoming edges, when a patch changed them, and its outgoing ones, when it rewrote them. */
  in?: IncomingDelta;
  out?: Adjacency;
}

/** Components added by patches since the base was read: a few, so copied with each patch. */
interface Added {
  ids: string[];
  index: Map<string, number>;
}

/**
 * The whole dependency graph in memory, tagged with the topology version it was read at: a base
 * read in full (compressed incoming- and outgoing-edge arrays over dense integer ids) and the
 * patches applied since, as overrides of the components they touched (their flags, member counts
 * and edge lists). Every CMDB write bumps that version in its own transaction and lists the
 * components it changed, so a copy can be brought to the current version by reading only those
 * (`withChanges`, in proportion to what changed), and a request that reads the current version
 * first knows whether the copy is exact. A copy never changes: a patch makes a new one that shares
 * the base.
 */
export class TopologyIndex implements TopologyView {
  /** Service models read while this copy was current (exact as long as it is: see ImpactService). */
  readonly services: Map<string, ServiceModel>;

  private constructor(
    readonly version: number,
    /** The version node's epoch: versions compare only within one (see topology-version). */
    readonly epoch: string | null,
    private readonly base: TopologyBase,
    private readonly added: Added,
    private readonly over: Map<number, Override>,
    services: Map<string, ServiceModel> = new Map(),
    /** For a patched copy: the version it was patched from, and what the patch touched. */
    private readonly patch?: { from: number; touched: Set<number> },
  ) {
    this.services = services;
  }

  /**
   * Whether an analysis run on `from` that reached the components `reached` answers alike on
   * this copy: when this copy is a patch of `from`'s version over the same full read, and the
   * patch touched none of them (no flags, member count or incoming edge of a reached component
   * changed, and no changed component has an edge to one). Then the analysis need not run again.
   */
  answersAlike(from: TopologyIndex, reached: readonly number[]): boolean {
    const patch = this.patch;
    if (!patch || patch.from !== from.version || from.base !== this.base) return false;
    for (const n of reached) if (patch.touched.has(n)) return false;
    return true;
  }

  /** Reads the graph page by page, the version first (so the copy is never older than its tag). */
  static async load(executor: Executor): Promise<TopologyIndex> {
    const [v] = await executor.read('system/topology-version');
    const version = Number(v!.version);
    const epoch = v!.epoch == null ? null : String(v!.epoch);
    const rows: TopologyRow[] = [];
    let afterId = '';
    for (;;) {
      const page = await executor.read('impact/topology-page', {
        afterId,
        limit: neo4j.int(PAGE),
        kinds: DEPENDENCY_KINDS,
      });
      if (page.length === 0) break;
      for (const r of page) rows.push(toRow(r));
      afterId = String(page.at(-1)!.id);
    }
    return TopologyIndex.fromRows(version, rows, epoch);
  }

  /** A copy built from the rows of every component (each component once). */
  static fromRows(
    version: number,
    rows: readonly TopologyRow[],
    epoch: string | null = null,
  ): TopologyIndex {
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
    for (const r of rows) {
      const n = indexOf(r.id);
      flagList[n] = flagsOf(r);
      kList[n] = r.minMembersUp ?? -1;
      for (const [target, member, hard] of r.out) {
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
    const count = ids.length;
    const flags = Uint8Array.from(flagList);
    const k = Int32Array.from(kList);
    const members = new Int32Array(count);
    for (let e = 0; e < edges; e++) {
      if (ef[e]! & MEMBER && !(flags[from[e]!]! & RETIRED) && !(flags[to[e]!]! & RETIRED))
        members[from[e]!]! += 1;
    }
    const incoming = compress(count, edges, to, from, ef);
    const outgoing = compress(count, edges, from, to, ef);
    const base = new TopologyBase(
      ids,
      index,
      flags,
      k,
      members,
      incoming.offsets,
      incoming.ends,
      incoming.flags,
      outgoing.offsets,
      outgoing.ends,
      outgoing.flags,
    );
    return new TopologyIndex(version, epoch, base, { ids: [], index: new Map() }, new Map());
  }

  /** How many components it holds. */
  get size(): number {
    return this.base.count + this.added.ids.length;
  }

  /** Patched copies number components as their full read does: they share its working arrays. */
  get scratchKey(): object {
    return this.base;
  }

  /** How many edges it holds. */
  get edgeCount(): number {
    let edges = this.base.outTargets.length;
    for (const [n, o] of this.over)
      if (o.out) edges += o.out.nodes.length - this.baseOutgoing(n).nodes.length;
    return edges;
  }

  /** How many components patches have touched since the base was read (for compaction). */
  get patchedCount(): number {
    return this.over.size;
  }

  /** The dense index of a component id, or undefined when it is not in the copy. */
  find(id: string): number | undefined {
    return this.base.index.get(id) ?? this.added.index.get(id);
  }

  indexOf(id: string): number {
    return this.find(id)!;
  }

  /** The id of a dense index. */
  idOf(node: number): string {
    const count = this.base.count;
    return node < count ? this.base.ids[node]! : this.added.ids[node - count]!;
  }

  /** The override of a component in this copy, if a patch made one. */
  private overrideOf(node: number): Override | undefined {
    return this.base.marks[node] ? this.over.get(node) : undefined;
  }

  private flagsAt(node: number): number {
    return this.base.marks[node]
      ? (this.over.get(node)?.flags ?? this.base.flags[node]!)
      : this.base.flags[node]!;
  }

  isService(node: number): boolean {
    return (this.flagsAt(node) & SERVICE) !== 0;
  }

  retired(node: number): boolean {
    return (this.flagsAt(node) & RETIRED) !== 0;
  }

  minMembersUp(node: number): number | null {
    const k = this.overrideOf(node)?.k ?? this.base.k[node]!;
    return k < 0 ? null : k;
  }

  memberCount(node: number): number {
    return this.overrideOf(node)?.members ?? this.base.members[node]!;
  }

  forEachIncoming(node: number, visit: IncomingVisitor): void {
    const delta = this.base.marks[node] ? this.over.get(node)?.in : undefined;
    if (node < this.base.count) {
      const { inOffsets, inSources, inFlags } = this.base;
      const end = inOffsets[node + 1]!;
      const removed = delta && delta.removedAt.size > 0 ? delta.removedAt : undefined;
      for (let at = inOffsets[node]!; at < end; at++) {
        if (removed?.has(at)) continue;
        const f = inFlags[at]!;
        visit(inSources[at]!, (f & MEMBER) !== 0, (f & HARD) !== 0);
      }
    }
    if (delta) {
      const { nodes, flags } = delta.added;
      for (let i = 0; i < nodes.length; i++) {
        const f = flags[i]!;
        visit(nodes[i]!, (f & MEMBER) !== 0, (f & HARD) !== 0);
      }
    }
  }

  /** The outgoing edges of a component. */
  private outgoing(node: number): Adjacency {
    return this.overrideOf(node)?.out ?? this.baseOutgoing(node);
  }

  private baseOutgoing(node: number): Adjacency {
    if (node >= this.base.count) return NO_EDGES;
    const { outOffsets, outTargets, outFlags } = this.base;
    const from = outOffsets[node]!;
    const to = outOffsets[node + 1]!;
    return { nodes: outTargets.subarray(from, to), flags: outFlags.subarray(from, to) };
  }

  /**
   * A new copy at `version`: this one with the current rows of the components written since
   * (`changedIds`, as the change records list them; ids that are not components have no row).
   * Each changed component's flags and outgoing edges are replaced, and with them the incoming
   * edge lists of the components whose edges from it changed, and the member counts of the
   * groups around it. Cost: proportional to the changed components, their neighbours and the
   * overrides so far (one map of them is copied).
   */
  withChanges(
    version: number,
    rows: readonly TopologyRow[],
    changedIds: Iterable<string>,
  ): TopologyIndex {
    const base = this.base;
    const added: Added = { ids: [...this.added.ids], index: new Map(this.added.index) };
    const nodeOf = (id: string) => {
      let n = base.index.get(id) ?? added.index.get(id);
      if (n === undefined) {
        n = base.count + added.ids.length;
        added.ids.push(id);
        added.index.set(id, n);
      }
      return n;
    };
    const changed = rows.map((r) => ({
      row: r,
      node: nodeOf(r.id),
      out: {
        nodes: Int32Array.from(r.out, ([target]) => nodeOf(target)),
        flags: Uint8Array.from(
          r.out,
          ([, member, hard]) => (member ? MEMBER : 0) | (hard ? HARD : 0),
        ),
      },
    }));
    const over = new Map(this.over);
    // What the patch touched: each gets an override of its own in the new copy (the ones of the
    // copy it was made from are left as they are).
    const touched = new Set<number>();
    const own = (n: number): Override => {
      if (touched.has(n)) return over.get(n)!;
      const o: Override = over.get(n) ?? {
        flags: base.flags[n] ?? 0,
        k: base.k[n] ?? -1,
        members: base.members[n] ?? 0,
      };
      const mine = { ...o };
      over.set(n, mine);
      touched.add(n);
      base.mark(n);
      return mine;
    };

    // The edges that differ, by target: each changed component's old edges against its new ones
    // (as multisets of target and flags), so that a hub its unchanged edges point at is left alone.
    const edits = new Map<number, Map<number, number>>(); // target -> (source * 4 + flags) -> +/-n
    const edit = (target: number, key: number, by: number) => {
      let e = edits.get(target);
      if (!e) edits.set(target, (e = new Map()));
      const n = (e.get(key) ?? 0) + by;
      if (n === 0) e.delete(key);
      else e.set(key, n);
    };
    for (const { row, node, out } of changed) {
      const old = this.outgoing(node);
      for (let i = 0; i < old.nodes.length; i++) edit(old.nodes[i]!, node * 4 + old.flags[i]!, -1);
      for (let i = 0; i < out.nodes.length; i++) edit(out.nodes[i]!, node * 4 + out.flags[i]!, 1);
      const o = own(node);
      o.flags = flagsOf(row);
      o.k = row.minMembersUp ?? -1;
      o.out = out;
    }
    // Every target of a changed component counts as touched, edited or not (answersAlike).
    for (const [t, e] of edits) {
      const o = own(t);
      if (e.size === 0) continue;
      const before = o.in;
      const removedAt = new Set(before?.removedAt);
      const added: number[] = []; // source * 4 + flags
      if (before)
        for (let i = 0; i < before.added.nodes.length; i++)
          added.push(before.added.nodes[i]! * 4 + before.added.flags[i]!);
      for (const [key, n] of e) {
        if (n > 0) {
          for (let i = 0; i < n; i++) added.push(key);
          continue;
        }
        // A removed edge: one a patch added, else one of the full read's still there.
        let left = -n;
        for (let i = added.length - 1; i >= 0 && left > 0; i--)
          if (added[i] === key) {
            added.splice(i, 1);
            left -= 1;
          }
        if (left > 0 && t < base.count) {
          const { inOffsets, inSources, inFlags } = base;
          const end = inOffsets[t + 1]!;
          for (let at = inOffsets[t]!; at < end && left > 0; at++)
            if (inSources[at]! * 4 + inFlags[at]! === key && !removedAt.has(at)) {
              removedAt.add(at);
              left -= 1;
            }
        }
      }
      o.in = {
        removedAt,
        added: {
          nodes: Int32Array.from(added, (key) => key >> 2),
          flags: Uint8Array.from(added, (key) => key & 3),
        },
      };
    }

    const services = new Map(this.services);
    for (const id of changedIds) services.delete(id);
    const next = new TopologyIndex(version, this.epoch, base, added, over, services, {
      from: this.version,
      touched,
    });
    // Member counts: of the changed components (their edges) and of the groups that have one of
    // them as a member (its retirement counts).
    const changedNodes = changed.map((c) => c.node);
    const groups = new Set(changedNodes);
    for (const n of changedNodes)
      next.forEachIncoming(n, (from, member) => {
        if (member) groups.add(from);
      });
    for (const g of groups) {
      let m = 0;
      if (!next.retired(g)) {
        const out = next.outgoing(g);
        for (let i = 0; i < out.nodes.length; i++)
          if (out.flags[i]! & MEMBER && !next.retired(out.nodes[i]!)) m += 1;
      }
      own(g).members = m;
    }
    return next;
  }
}

/** A topology query's row as the index takes it. */
export function toRow(r: Record<string, unknown>): TopologyRow {
  return {
    id: String(r.id),
    service: r.service === true,
    retired: r.retired === true,
    minMembersUp: r.minMembersUp == null ? null : Number(r.minMembersUp),
    out: r.out as [string, boolean, boolean][],
  };
}

function flagsOf(r: TopologyRow): number {
  return (r.service ? SERVICE : 0) | (r.retired ? RETIRED : 0);
}

/** Compressed adjacency keyed by `keys`: for each key, the `ends` of its edges and their flags. */
function compress(
  count: number,
  edges: number,
  keys: Int32Array,
  ends: Int32Array,
  ef: Uint8Array,
): { offsets: Int32Array; ends: Int32Array; flags: Uint8Array } {
  const offsets = new Int32Array(count + 1);
  for (let e = 0; e < edges; e++) offsets[keys[e]! + 1]! += 1;
  for (let n = 0; n < count; n++) offsets[n + 1]! += offsets[n]!;
  const fill = offsets.slice(0, count);
  const out = new Int32Array(edges);
  const flags = new Uint8Array(edges);
  for (let e = 0; e < edges; e++) {
    const at = fill[keys[e]!]!++;
    out[at] = ends[e]!;
    flags[at] = ef[e]!;
  }
  return { offsets, ends: out, flags };
}

function grow<T extends Int32Array | Uint8Array>(a: T): T {
  const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}

/** Past this many overridden components, a full read in the background compacts the overrides. */
const COMPACT_AFTER = 4096;
/** A catch-up reads at most this many changed components; past it, the copy is read again in full. */
const MAX_CATCH_UP_IDS = 20000;
/** ... and spans at most this many versions (as many change records as are kept). */
const MAX_CATCH_UP_VERSIONS = 1000;

/**
 * Keeps a TopologyIndex fresh enough to use: `current()` answers the copy only when its version
 * is the graph's current one. The same round trip that reads the version brings what a copy that
 * is behind needs to catch up: the components the writes since its version changed, as the
 * change records list them; the copy is then patched (in proportion to what changed) instead of
 * read again. When it cannot be (records pruned, or a change too large to list, such as a
 * restore or a bulk import's batch), one full read starts in the background. With a `maxAgeMs`
 * above 0, `fresh()` also answers the copy without a round trip while the last check that found
 * it current was sent less than that long ago and this process has written nothing since.
 */
export class TopologyIndexHolder {
  private index: TopologyIndex | undefined;
  private building: Promise<void> | undefined;
  /** The newest version read: when its read was sent, and the process's write count then. */
  private checked:
    { version: number; epoch: string | null; sentAt: number; writes: number } | undefined;
  /** Full reads, catch-ups and copies answered without a check so far (for tests and the log). */
  readonly stats = { builds: 0, catchUps: 0, fresh: 0 };
  private poller: NodeJS.Timeout | undefined;

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
          .finally(() => (out = false));
      },
      Math.max(1, Math.floor(this.maxAgeMs / 2)),
    );
    this.poller.unref();
  }

  /** Stops the background checks. */
  stop(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  /** The copy at hand, whatever its version: work done on it is kept only if `current()` answers it. */
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
    this.rebuild();
    return undefined;
  }

  /**
   * Reads the current version and, when `base` is behind it, patches `base` up to it from the
   * change records; `index` is the copy exact for `version`, if there is one.
   */
  private async check(
    base: TopologyIndex | undefined,
  ): Promise<{ version: number; epoch: string | null; index: TopologyIndex | undefined }> {
    const [row] = await this.executor.read('impact/topology-check', {
      since: base ? neo4j.int(base.version) : null,
      maxVersions: neo4j.int(MAX_CATCH_UP_VERSIONS),
      maxIds: neo4j.int(MAX_CATCH_UP_IDS),
      kinds: DEPENDENCY_KINDS,
    });
    const version = Number(row!.version);
    const epoch = row!.epoch == null ? null : String(row!.epoch);
    // Another epoch (the database was emptied since): its versions say nothing about this copy.
    if (!base || base.epoch !== epoch) return { version, epoch, index: undefined };
    if (base.version >= version) return { version, epoch, index: base };
    if (row!.ids == null) return { version, epoch, index: undefined };
    const rows = (row!.rows as Record<string, unknown>[]).map(toRow);
    const next = base.withChanges(version, rows, row!.ids as string[]);
    this.stats.catchUps += 1;
    this.logger.debug(
      { from: base.version, version, changed: rows.length, patched: next.patchedCount },
      'topology index caught up',
    );
    // Overrides accumulate; past COMPACT_AFTER of them, a full read in the background compacts them.
    if (next.patchedCount > COMPACT_AFTER) this.rebuild();
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
    )
      this.index = index;
  }

  /** Starts a full rebuild unless one is running; resolves when it ends. */
  rebuild(): Promise<void> {
    this.building ??= (async () => {
      const started = Date.now();
      try {
        const index = await TopologyIndex.load(this.executor);
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
