import {
  BadUserInputError,
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
} from '../../errors.js';
import { entityStore } from '../../graph/entity-store.js';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import { newId } from '../../ids.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import { diffFields, originOf, recordChanges } from '../audit/change-records.js';
import type { ConfigurationItemModel, ServiceModel } from '../cmdb/models.js';
import { Problems, throwProblems } from '../cmdb/validation.js';
import type { ConflictChecker } from './conflict-check.js';
import type { BlackoutWindowModel, ChangeRequestModel } from './models.js';
import { changeRepository as repo } from './repository.js';
import { blackoutFields, changeFields, type ChangeFields } from './validation.js';
import {
  planChangeTransition,
  requireWorker,
  type ChangeTransition,
  type TransitionArgs,
} from './workflow.js';

/** `CHG-` and the sequence number, zero-padded to six digits. */
export const changeNumber = (n: number) => `CHG-${String(n).padStart(6, '0')}`;

/** The create-shaped input of a stored change: the base an update patches. */
export function inputOf(c: ChangeRequestModel): Record<string, unknown> {
  return {
    title: c.title,
    description: c.description,
    type: c.type,
    risk: c.risk,
    plannedStart: c.plannedStart,
    plannedEnd: c.plannedEnd,
    targets: c.targets,
    implementationPlan: c.implementationPlan,
    backoutPlan: c.backoutPlan,
    implementerId: c.implementerId,
    knownErrorIds: c.knownErrorIds,
  };
}

/** The stored properties of checked fields (windows and targets are written apart). */
function propsOf(f: ChangeFields): Record<string, unknown> {
  const { plannedStart: _s, plannedEnd: _e, targets: _t, ...props } = f;
  return props;
}

/**
 * Change requests and blackout windows: creation and edits by their requester, the workflow of
 * API.md (workflow.ts), conflicts refusing an approval unless overridden, and a ChangeRecord for
 * every write in its transaction.
 */
export class ChangeService {
  constructor(
    private readonly executor: Executor,
    private readonly conflicts: ConflictChecker,
  ) {}

  /** Creates a DRAFT change requested by the caller (ENGINEER or CMDB_ADMIN). */
  async create(caller: Caller, input: Record<string, unknown>): Promise<ChangeRequestModel> {
    requireWorker(caller.actor, { requestedBy: caller.actor.id });
    const problems = new Problems();
    const fields = changeFields(input, problems);
    throwProblems(problems.list);
    return this.executor.writeTx('createChangeRequest', async (tx) => {
      await this.checkReferences(tx, fields);
      const id = newId('chg');
      const number = changeNumber(await repo.nextNumber(tx));
      const now = new Date().toISOString();
      const props = { ...propsOf(fields), number, status: 'DRAFT', requestedBy: caller.actor.id };
      await repo.create(tx, id, props, fields, fields.targets, now);
      await recordChanges(tx, originOf(caller), now, [
        {
          action: 'CREATE',
          entityType: 'ChangeRequest',
          entityId: id,
          changes: diffFields({}, { number, ...fields }),
        },
      ]);
      return (await repo.lock(tx, id))!;
    });
  }

  /** Updates a DRAFT or SUBMITTED change; CONFLICT when `expectedVersion` is not current. */
  async update(
    caller: Caller,
    id: string,
    expectedVersion: number,
    patch: Record<string, unknown>,
  ): Promise<ChangeRequestModel> {
    return this.executor.writeTx('updateChangeRequest', async (tx) => {
      const current = await this.lock(tx, id, expectedVersion);
      requireWorker(caller.actor, current);
      if (current.status !== 'DRAFT' && current.status !== 'SUBMITTED')
        throw new InvalidTransitionError(`a ${current.status} change cannot be edited`, {
          status: current.status,
        });
      const merged = { ...inputOf(current) };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) merged[k] = v;
      const problems = new Problems();
      const after = changeFields(merged, problems);
      throwProblems(problems.list);
      await this.checkReferences(tx, after);
      const changes = diffFields(inputOf(current), { ...after });
      if (Object.keys(changes).length === 0) return current;
      const now = new Date().toISOString();
      await repo.update(
        tx,
        id,
        {
          props: propsOf(after),
          plannedStart: after.plannedStart,
          plannedEnd: after.plannedEnd,
          ...('targets' in changes ? { targets: after.targets } : {}),
        },
        now,
      );
      await recordChanges(tx, originOf(caller), now, [
        { action: 'UPDATE', entityType: 'ChangeRequest', entityId: id, changes },
      ]);
      return (await repo.lock(tx, id))!;
    });
  }

  /**
   * One workflow step. Approval judges the change's conflicts first (as it would stand once
   * approved): with any, CONFLICT listing them, unless `overrideConflicts`, which the record keeps.
   */
  async transition(
    caller: Caller,
    name: ChangeTransition,
    id: string,
    expectedVersion: number,
    args: TransitionArgs = {},
  ): Promise<ChangeRequestModel> {
    return this.executor.writeTx(`${name}ChangeRequest`, async (tx) => {
      const current = await this.lock(tx, id, expectedVersion);
      const now = new Date().toISOString();
      const plan = planChangeTransition(name, caller.actor, current, args, now);
      const record: Record<string, unknown> = { ...plan.record };
      if (plan.checkConflicts) {
        const found = await this.conflicts.forChange({ ...current, status: plan.status }, tx);
        if (found.length > 0 && args.overrideConflicts !== true)
          throw new ConflictError(
            `${current.number} has ${found.length} conflict(s); approve with overrideConflicts to accept them`,
            { conflicts: found },
          );
        if (found.length > 0) {
          plan.props.conflictsOverridden = true;
          record.conflictsOverridden = found;
        }
      }
      await repo.update(
        tx,
        id,
        {
          props: { ...plan.props, status: plan.status },
          ...(plan.actualStart ? { actualStart: plan.actualStart } : {}),
          ...(plan.actualEnd ? { actualEnd: plan.actualEnd } : {}),
        },
        now,
      );
      await recordChanges(tx, originOf(caller), now, [
        {
          action: 'TRANSITION',
          entityType: 'ChangeRequest',
          entityId: id,
          changes: {
            status: { before: current.status, after: plan.status },
            ...Object.fromEntries(
              Object.entries(record).map(([k, v]) => [k, { before: null, after: v }]),
            ),
          },
        },
      ]);
      return (await repo.lock(tx, id))!;
    });
  }

  /** Creates a blackout window (CHANGE_MANAGER); its services must exist. */
  async createBlackout(
    caller: Caller,
    input: Record<string, unknown>,
  ): Promise<BlackoutWindowModel> {
    requireRole(caller.actor, 'CHANGE_MANAGER');
    const problems = new Problems();
    const fields = blackoutFields(input, problems);
    throwProblems(problems.list);
    return this.executor.writeTx('createBlackoutWindow', async (tx) => {
      const found = await entityStore.byIds(tx, fields.serviceIds);
      fields.serviceIds.forEach((sid, i) => {
        if (!found[i]) throw new NotFoundError('Service', sid, { field: 'serviceIds' });
        if (found[i]!.__typename !== 'Service')
          throw new BadUserInputError(`${sid} is not a service`, 'serviceIds');
      });
      const id = newId('bw');
      const now = new Date().toISOString();
      await repo.createBlackout(tx, id, fields, now);
      await recordChanges(tx, originOf(caller), now, [
        {
          action: 'CREATE',
          entityType: 'BlackoutWindow',
          entityId: id,
          changes: diffFields({}, fields),
        },
      ]);
      return (await entityStore.byIds(tx, [id]))[0] as BlackoutWindowModel;
    });
  }

  /** Deletes a blackout window (CHANGE_MANAGER); NOT_FOUND when there is none. */
  async deleteBlackout(caller: Caller, id: string): Promise<boolean> {
    requireRole(caller.actor, 'CHANGE_MANAGER');
    return this.executor.writeTx('deleteBlackoutWindow', async (tx) => {
      const deleted = await repo.deleteBlackout(tx, id);
      if (!deleted) throw new NotFoundError('BlackoutWindow', id);
      const { __typename: _t, id: _id, ...before } = deleted;
      await recordChanges(tx, originOf(caller), new Date().toISOString(), [
        {
          action: 'DELETE',
          entityType: 'BlackoutWindow',
          entityId: id,
          changes: diffFields(before, {}),
        },
      ]);
      return true;
    });
  }

  /** Locks a change and checks the version the client read. */
  private async lock(
    tx: QueryRunner,
    id: string,
    expectedVersion: number,
  ): Promise<ChangeRequestModel> {
    const current = await repo.lock(tx, id);
    if (!current) throw new NotFoundError('ChangeRequest', id);
    if (current.version !== expectedVersion)
      throw new ConflictError(
        `${current.number} is at version ${current.version}, not ${expectedVersion}`,
        { currentVersion: current.version },
      );
    return current;
  }

  /**
   * Targets are components (NOT_FOUND otherwise) and not retired (BAD_USER_INPUT); the
   * implementer is a supplier, the known errors are known errors.
   */
  private async checkReferences(tx: QueryRunner, f: ChangeFields): Promise<void> {
    const ids = [
      ...f.targets.map((t) => t.componentId),
      ...(f.implementerId ? [f.implementerId] : []),
      ...f.knownErrorIds,
    ];
    const found = new Map(
      (await entityStore.byIds(tx, ids)).flatMap((e, i) => (e ? [[ids[i]!, e]] : [])),
    );
    f.targets.forEach((t, i) => {
      const e = found.get(t.componentId) as ConfigurationItemModel | ServiceModel | undefined;
      const field = `targets[${i}].componentId`;
      if (!e || (e.__typename !== 'ConfigurationItem' && e.__typename !== 'Service'))
        throw new NotFoundError('Component', t.componentId, { field });
      if (e.status === 'RETIRED')
        throw new BadUserInputError(`${t.componentId} is retired: no change can target it`, field);
    });
    if (f.implementerId && found.get(f.implementerId)?.__typename !== 'Supplier')
      throw new NotFoundError('Supplier', f.implementerId, { field: 'implementerId' });
    for (const k of f.knownErrorIds)
      if (found.get(k)?.__typename !== 'KnownError')
        throw new NotFoundError('KnownError', k, { field: 'knownErrorIds' });
  }
}
