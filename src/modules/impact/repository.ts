import neo4j from 'neo4j-driver';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import type { AssetRow } from './asset-columns.js';
import { DEPENDENCY_KINDS, type DependencyKind, type DependencyStrength } from '../cmdb/models.js';

/** The Cypher names the impact module uses, checked at start. */
export const IMPACT_QUERIES = [
  'impact/components-by-ids',
  'impact/incoming-edges',
  'impact/graph-neighbours',
  'impact/outgoing-edges',
  'impact/topology-page',
  'impact/topology-check',
  'system/topology-version',
] as const;

/** What the engine needs of a component: service or CI, retired, k and n of a group. */
export interface ComponentFacts {
  service: boolean;
  retired: boolean;
  minMembersUp: number | null;
  /** Non-retired members of a group (0 for other components, and where the query leaves it out). */
  memberCount: number;
}

/** One component with its outgoing dependency edges, as full reads and catch-ups return it. */
export interface TopologyRow extends Omit<ComponentFacts, 'memberCount'> {
  id: string;
  /** Outgoing edges: target id, whether it is a MEMBER edge, whether it is HARD. */
  out: [string, boolean, boolean][];
  /** A CI's asset columns (the reports' ledger); null for a service. */
  asset?: AssetRow | null;
}

/** One dependency edge, with the facts of the end the walk has not seen yet. */
export interface WalkEdge {
  fromId: string;
  toId: string;
  member: boolean;
  hard: boolean;
  /** The facts of the source (incoming walks) or of the target (outgoing walks). */
  facts: ComponentFacts;
}

/** An edge of a drawing, with what it shows of the component at the other end. */
export interface NeighbourRow {
  fromId: string;
  toId: string;
  kind: DependencyKind;
  strength: DependencyStrength;
  other: {
    id: string;
    name: string;
    type: 'ConfigurationItem' | 'Service';
    ciClass: string | null;
    status: string;
  };
}

/** The dependency graph's version, and the epoch its versions compare in. */
export interface TopologyVersion {
  version: number;
  epoch: string | null;
}

/** A version check and what a copy behind it needs to catch up (see impact/topology-check). */
export interface TopologyCheck extends TopologyVersion {
  /** The ids written since, or null when they cannot be listed (a full read is then needed). */
  changedIds: string[] | null;
  rows: TopologyRow[];
}

/** The one mapper of the component columns every topology query returns. */
function factsOf(r: Record<string, unknown>): ComponentFacts {
  return {
    service: r.service === true,
    retired: r.retired === true,
    minMembersUp: r.minMembersUp == null ? null : Number(r.minMembersUp),
    memberCount: Number(r.memberCount ?? 0),
  };
}

function topologyRowOf(r: Record<string, unknown>): TopologyRow {
  const { memberCount: _memberCount, ...facts } = factsOf(r);
  return {
    id: String(r.id),
    ...facts,
    out: r.out as TopologyRow['out'],
    asset: (r.asset as AssetRow | null | undefined) ?? null,
  };
}

const versionOf = (r: Record<string, unknown>): TopologyVersion => ({
  version: Number(r.version),
  epoch: r.epoch == null ? null : String(r.epoch),
});

const walkEdge = (r: Record<string, unknown>): WalkEdge => ({
  fromId: String(r.fromId),
  toId: String(r.toId),
  member: r.member === true,
  hard: r.hard === true,
  facts: factsOf(r),
});

/** Every topology read of the impact module; each runs in the caller's transaction or session. */
export const impactRepository = {
  /** The components among `ids`, with their facts; ids that are not components are left out. */
  async componentsByIds(
    tx: QueryRunner,
    ids: readonly string[],
  ): Promise<{ id: string; facts: ComponentFacts }[]> {
    const rows = await tx.run('impact/components-by-ids', { ids });
    return rows.map((r) => ({ id: String(r.id), facts: factsOf(r) }));
  },

  /** The dependency edges into each of `ids`, with the facts of their sources. */
  async incomingEdges(tx: QueryRunner, ids: readonly string[]): Promise<WalkEdge[]> {
    return (await tx.run('impact/incoming-edges', { ids, kinds: DEPENDENCY_KINDS })).map(walkEdge);
  },

  /** The dependency edges out of each of `ids`, with the facts of their targets. */
  async outgoingEdges(tx: QueryRunner, ids: readonly string[]): Promise<WalkEdge[]> {
    return (await tx.run('impact/outgoing-edges', { ids, kinds: DEPENDENCY_KINDS })).map(walkEdge);
  },

  /** One wave of a drawing: the edges of `ids` of the given kinds in the asked directions. */
  async neighbours(
    tx: QueryRunner,
    ids: readonly string[],
    kinds: readonly DependencyKind[],
    directions: { outgoing: boolean; incoming: boolean },
  ): Promise<NeighbourRow[]> {
    const rows = await tx.run('impact/graph-neighbours', { ids, kinds, ...directions });
    return rows.map((r) => ({
      fromId: String(r.fromId),
      toId: String(r.toId),
      kind: r.kind as DependencyKind,
      strength: r.strength as DependencyStrength,
      other: {
        id: String(r.otherId),
        name: String(r.otherName),
        type: r.otherType as NeighbourRow['other']['type'],
        ciClass: (r.otherClass as string | null) ?? null,
        status: String(r.otherStatus),
      },
    }));
  },

  /** The graph's current version. */
  async version(executor: Executor): Promise<TopologyVersion> {
    const [row] = await executor.read('system/topology-version');
    return versionOf(row!);
  },

  /** Up to `limit` components with ids after `afterId`, in id order, with their outgoing edges. */
  async page(executor: Executor, afterId: string, limit: number): Promise<TopologyRow[]> {
    const rows = await executor.read('impact/topology-page', {
      afterId,
      limit: neo4j.int(limit),
      kinds: DEPENDENCY_KINDS,
    });
    return rows.map(topologyRowOf);
  },

  /**
   * The current version and, for a copy at `since`, the components written since (at most
   * `maxIds` of them over at most `maxVersions` versions), in one round trip.
   */
  async check(
    executor: Executor,
    since: number | null,
    bounds: { maxVersions: number; maxIds: number },
  ): Promise<TopologyCheck> {
    const [row] = await executor.read('impact/topology-check', {
      since: since === null ? null : neo4j.int(since),
      maxVersions: neo4j.int(bounds.maxVersions),
      maxIds: neo4j.int(bounds.maxIds),
      kinds: DEPENDENCY_KINDS,
    });
    return {
      ...versionOf(row!),
      changedIds: row!.ids == null ? null : (row!.ids as string[]),
      rows: ((row!.rows as Record<string, unknown>[] | null) ?? []).map(topologyRowOf),
    };
  },
};
