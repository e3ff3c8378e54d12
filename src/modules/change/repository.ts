import neo4j from 'neo4j-driver';
import type { QueryRunner } from '../../graph/executor.js';
import {
  SCHEDULED_STATUSES,
  toBlackoutWindow,
  toChangeRequest,
  type BlackoutWindowModel,
  type ChangeRequestModel,
  type ChangeTargetModel,
} from './models.js';

/** The Cypher names of change management, checked at start. */
export const CHANGE_QUERIES = [
  'system/next-number',
  'change/create',
  'change/update',
  'change/lock',
  'change/by-number',
  'change/page',
  'change/scheduled',
  'change/active',
  'change/blackouts',
  'change/blackout-create',
  'change/blackout-delete',
  'change/count',
] as const;

/** Filter and page arguments of a page of change requests, ready for `change/page`. */
export interface ChangePageParams {
  statuses: string[] | null;
  types: string[] | null;
  from: string | null;
  to: string | null;
  targetId: string | null;
  implementerId: string | null;
  after: unknown[] | null;
  limit: number;
}

/** The stored properties of a change request, as the service writes them. */
export type ChangeProps = Record<string, unknown>;

const targetLists = (targets: readonly ChangeTargetModel[]) => ({
  targetIds: targets.map((t) => t.componentId),
  targetEffects: targets.map((t) => t.effect),
});

/** Reads and writes of change requests and blackout windows, in the caller's transaction. */
export const changeRepository = {
  /** The next change number. */
  async nextNumber(tx: QueryRunner): Promise<number> {
    const [row] = await tx.run('system/next-number', { name: 'changeRequest' });
    return Number(row!.value);
  },

  /** Creates a change request with its targets (stored as lists and as TARGETS edges). */
  async create(
    tx: QueryRunner,
    id: string,
    props: ChangeProps,
    window: { plannedStart: string; plannedEnd: string },
    targets: readonly ChangeTargetModel[],
    now: string,
  ): Promise<void> {
    await tx.run('change/create', {
      id,
      props: { ...props, ...targetLists(targets) },
      ...window,
      targets,
      now,
    });
  },

  /** Writes changed properties, times and (when given) targets; bumps the version. */
  async update(
    tx: QueryRunner,
    id: string,
    changes: {
      props: ChangeProps;
      plannedStart?: string;
      plannedEnd?: string;
      actualStart?: string;
      actualEnd?: string;
      targets?: readonly ChangeTargetModel[];
    },
    now: string,
  ): Promise<void> {
    const { props, targets } = changes;
    await tx.run('change/update', {
      id,
      props: targets ? { ...props, ...targetLists(targets) } : props,
      plannedStart: changes.plannedStart ?? null,
      plannedEnd: changes.plannedEnd ?? null,
      actualStart: changes.actualStart ?? null,
      actualEnd: changes.actualEnd ?? null,
      targets: targets ?? null,
      now,
    });
  },

  /** Locks a change request and reads it, or null when there is none. */
  async lock(tx: QueryRunner, id: string): Promise<ChangeRequestModel | null> {
    const [row] = await tx.run('change/lock', { id });
    return row ? toChangeRequest(row.entity as Record<string, unknown>) : null;
  },

  /** The id of the change request with this number, if any. */
  async idOfNumber(tx: QueryRunner, number: string): Promise<string | null> {
    const [row] = await tx.run('change/by-number', { number });
    return row ? String(row.id) : null;
  },

  /** A page of change requests in planned-start order, and the total matching. */
  async page(
    tx: QueryRunner,
    p: ChangePageParams,
  ): Promise<{ total: number; rows: ChangeRequestModel[] }> {
    const [row] = await tx.run('change/page', {
      ...p,
      limit: neo4j.int(p.limit),
      afterStart: p.after?.[0] ?? null,
      afterId: p.after?.[1] ?? null,
    });
    const rows = (row!.rows as Record<string, unknown>[]).map(toChangeRequest);
    return { total: Number(row!.total), rows };
  },

  /** The scheduled changes (SUBMITTED, APPROVED, IN_PROGRESS) whose windows overlap [from, to). */
  async scheduled(tx: QueryRunner, from: string, to: string): Promise<ChangeRequestModel[]> {
    const rows = await tx.run('change/scheduled', { from, to, statuses: SCHEDULED_STATUSES });
    return rows.map((r) => toChangeRequest(r.entity as Record<string, unknown>));
  },

  /** The changes in progress, or approved with a window containing `now`. */
  async active(tx: QueryRunner, now: string): Promise<ChangeRequestModel[]> {
    const rows = await tx.run('change/active', { now });
    return rows.map((r) => toChangeRequest(r.entity as Record<string, unknown>));
  },

  /** How many change requests exist. */
  async count(tx: QueryRunner): Promise<number> {
    const [row] = await tx.run('change/count');
    return Number(row!.changes);
  },

  /** Blackout windows overlapping [from, to); every one when both are null. */
  async blackouts(
    tx: QueryRunner,
    from: string | null,
    to: string | null,
  ): Promise<BlackoutWindowModel[]> {
    const rows = await tx.run('change/blackouts', { from, to });
    return rows.map((r) => toBlackoutWindow(r.entity as Record<string, unknown>));
  },

  /** Creates a blackout window. */
  async createBlackout(
    tx: QueryRunner,
    id: string,
    w: { name: string; start: string; end: string; serviceIds: string[]; reason: string | null },
    now: string,
  ): Promise<void> {
    const { start, end, ...props } = w;
    await tx.run('change/blackout-create', { id, props, start, end, now });
  },

  /** Deletes a blackout window; returns what it was, or null when there was none. */
  async deleteBlackout(tx: QueryRunner, id: string): Promise<BlackoutWindowModel | null> {
    const [row] = await tx.run('change/blackout-delete', { id });
    return row ? toBlackoutWindow(row.entity as Record<string, unknown>) : null;
  },
};
