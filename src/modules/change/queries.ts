import { BadUserInputError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import { pageRequest, toConnection, type Connection } from '../../pagination.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import type { CmdbLoaders } from '../cmdb/loaders.js';
import type { ChangeConflictModel, ConflictChecker } from './conflict-check.js';
import type {
  BlackoutWindowModel,
  ChangeRequestModel,
  ChangeStatus,
  ChangeType,
} from './models.js';
import { changeRepository as repo } from './repository.js';

/** Filter of change lists, as the API receives it. */
export interface ChangeFilter {
  status?: ChangeStatus[] | null;
  type?: ChangeType[] | null;
  from?: string | null;
  to?: string | null;
  targetId?: string | null;
  implementerId?: string | null;
}

/** The longest range `changeConflicts` judges in one request: a quarter. */
export const MAX_CONFLICT_RANGE_DAYS = 92;

/** Change management reads: every one needs VIEWER. */
export class ChangeQueries {
  constructor(
    private readonly executor: Executor,
    private readonly conflicts: ConflictChecker,
  ) {}

  /** One change by id or number (exactly one); null when there is none. */
  async changeRequest(
    caller: Caller<CmdbLoaders>,
    id?: string | null,
    number?: string | null,
  ): Promise<ChangeRequestModel | null> {
    requireRole(caller.actor, 'VIEWER');
    if ((id == null) === (number == null))
      throw new BadUserInputError(
        'give exactly one of id and number',
        id == null ? 'id' : 'number',
      );
    const key =
      id ??
      (await this.executor.readSingle('changeByNumber', (tx) => repo.idOfNumber(tx, number!)));
    if (!key) return null;
    const found = await caller.loaders.entity.load(key);
    return found?.__typename === 'ChangeRequest' ? (found as unknown as ChangeRequestModel) : null;
  }

  /** The forward schedule: a page of changes in planned-start order. */
  async changeRequests(
    caller: Caller<CmdbLoaders>,
    filter: ChangeFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<ChangeRequestModel>> {
    requireRole(caller.actor, 'VIEWER');
    const f = filter ?? {};
    if (f.from && f.to && f.to <= f.from)
      throw new BadUserInputError('to must be after from', 'to');
    const page = pageRequest('changeRequests', first, after);
    const { total, rows } = await this.executor.readSingle('changeRequests', (tx) =>
      repo.page(tx, {
        statuses: f.status?.length ? f.status : null,
        types: f.type?.length ? f.type : null,
        from: f.from ?? null,
        to: f.to ?? null,
        targetId: f.targetId ?? null,
        implementerId: f.implementerId ?? null,
        after: page.after,
        limit: page.first + 1,
      }),
    );
    rows.forEach((r) => caller.loaders.entity.prime(r.id, r as never));
    return toConnection(rows, page, total, (r) => [r.plannedStart, r.id]);
  }

  /** A change's conflicts with the scheduled changes and blackout windows over its window. */
  conflictsOf(caller: Caller, change: ChangeRequestModel): Promise<ChangeConflictModel[]> {
    requireRole(caller.actor, 'VIEWER');
    return this.conflicts.forChange(change);
  }

  /** Every conflict among scheduled changes within [from, to), at most a quarter. */
  changeConflicts(
    caller: Caller<CmdbLoaders>,
    from: string,
    to: string,
  ): Promise<ChangeConflictModel[]> {
    requireRole(caller.actor, 'VIEWER');
    if (to <= from) throw new BadUserInputError('to must be after from', 'to');
    if (Date.parse(to) - Date.parse(from) > MAX_CONFLICT_RANGE_DAYS * 86400000)
      throw new BadUserInputError(
        `changeConflicts covers at most ${MAX_CONFLICT_RANGE_DAYS} days at a time`,
        'to',
      );
    return this.conflicts.inRange(from, to, (changes) =>
      changes.forEach((c) => caller.loaders.entity.prime(c.id, c as never)),
    );
  }

  /** Blackout windows overlapping [from, to), every one when both are absent. */
  blackoutWindows(
    caller: Caller,
    from?: string | null,
    to?: string | null,
  ): Promise<BlackoutWindowModel[]> {
    requireRole(caller.actor, 'VIEWER');
    return this.executor.readSingle('blackoutWindows', (tx) =>
      repo.blackouts(tx, from ?? null, to ?? null),
    );
  }

  /** The changes in progress, or approved with a window containing now. */
  active(): Promise<ChangeRequestModel[]> {
    const now = new Date().toISOString();
    return this.executor.readSingle('activeChanges', (tx) => repo.active(tx, now));
  }

  /** The planned work an impact analysis takes in (`includeActiveChanges`): changes IN_PROGRESS. */
  async inProgressTargets(): Promise<{ failed: string[]; degraded: string[] }> {
    const running = (await this.active()).filter((c) => c.status === 'IN_PROGRESS');
    const targets = running.flatMap((c) => c.targets);
    return {
      failed: targets.filter((t) => t.effect === 'DOWN').map((t) => t.componentId),
      degraded: targets.filter((t) => t.effect === 'DEGRADED').map((t) => t.componentId),
    };
  }

  /** The active changes that target one of `componentIds`: "is this a planned outage?". */
  async activeFor(caller: Caller, componentIds: Iterable<string>): Promise<ChangeRequestModel[]> {
    requireRole(caller.actor, 'VIEWER');
    const ids = new Set(componentIds);
    return (await this.active()).filter((c) => c.targets.some((t) => ids.has(t.componentId)));
  }
}
