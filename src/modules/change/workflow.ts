/**
 * The change workflow of API.md: which step goes from which status to which, who may take it,
 * and what it writes. Pure: the service locks, plans, checks conflicts when asked, and writes.
 */
import { BadUserInputError, ForbiddenError, InvalidTransitionError } from '../../errors.js';
import { hasRole, type Actor } from '../access/roles.js';
import type { ChangeOutcome, ChangeRequestModel, ChangeStatus } from './models.js';

export const CHANGE_TRANSITIONS = [
  'submit',
  'approve',
  'reject',
  'start',
  'complete',
  'cancel',
] as const;
export type ChangeTransition = (typeof CHANGE_TRANSITIONS)[number];

/** What a step needs besides the change: a reason, an outcome, an override. */
export interface TransitionArgs {
  reason?: string | null;
  outcome?: ChangeOutcome | null;
  overrideConflicts?: boolean | null;
}

/** What a step writes, and whether its conflicts must be checked first (approval). */
export interface ChangeTransitionPlan {
  status: ChangeStatus;
  props: Record<string, unknown>;
  actualStart?: string;
  actualEnd?: string;
  /** Approval: conflicts refuse it (CONFLICT) unless `overrideConflicts`. */
  checkConflicts: boolean;
  /** What the audit record adds to the status change. */
  record: Record<string, unknown>;
}

/** Who may work on a change as its requester: an ENGINEER or CMDB_ADMIN who created it, or an ADMIN. */
export function requireWorker(actor: Actor, change: Pick<ChangeRequestModel, 'requestedBy'>): void {
  if (!hasRole(actor, 'ENGINEER') && !hasRole(actor, 'CMDB_ADMIN'))
    throw new ForbiddenError(
      'changes are worked on by engineers and CMDB administrators',
      'ENGINEER',
    );
  if (change.requestedBy !== actor.id && !hasRole(actor, 'ADMIN'))
    throw new ForbiddenError(`only its requester ${change.requestedBy} works on this change`);
}

const notFrom = (name: string, change: ChangeRequestModel) =>
  new InvalidTransitionError(`a ${change.type} change cannot ${name} from ${change.status}`, {
    status: change.status,
  });

const requiredReason = (reason: string | null | undefined): string => {
  const text = reason?.trim();
  if (!text) throw new BadUserInputError('a reason is required', 'reason');
  return text;
};

/**
 * Plans one step, or throws: INVALID_TRANSITION from a status the step does not leave, FORBIDDEN
 * for a role or person who may not take it (a requester approving their own change is one,
 * unless an ADMIN: then `approverOverride`).
 */
export function planChangeTransition(
  name: ChangeTransition,
  actor: Actor,
  change: ChangeRequestModel,
  args: TransitionArgs,
  now: string,
): ChangeTransitionPlan {
  const { status, type } = change;
  switch (name) {
    case 'submit': {
      requireWorker(actor, change);
      if (status !== 'DRAFT') throw notFrom(name, change);
      // A standard change is pre-approved: submitting it schedules it as approved.
      const to = type === 'STANDARD' ? 'APPROVED' : 'SUBMITTED';
      return { status: to, props: {}, checkConflicts: false, record: {} };
    }
    case 'approve': {
      if (!hasRole(actor, 'CHANGE_MANAGER'))
        throw new ForbiddenError('approving a change needs CHANGE_MANAGER', 'CHANGE_MANAGER');
      const afterTheFact = type === 'EMERGENCY' && status === 'IN_PROGRESS' && !change.approvedBy;
      if (status !== 'SUBMITTED' && !afterTheFact) throw notFrom(name, change);
      const own = change.requestedBy === actor.id;
      if (own && !hasRole(actor, 'ADMIN'))
        throw new ForbiddenError('a requester cannot approve their own change', 'CHANGE_MANAGER');
      return {
        status: afterTheFact ? 'IN_PROGRESS' : 'APPROVED',
        props: { approvedBy: actor.id, approverOverride: own },
        checkConflicts: true,
        record: {
          approvedBy: actor.id,
          ...(own ? { approverOverride: true } : {}),
          ...(afterTheFact ? { approvedAfterTheFact: true } : {}),
        },
      };
    }
    case 'reject': {
      if (!hasRole(actor, 'CHANGE_MANAGER'))
        throw new ForbiddenError('rejecting a change needs CHANGE_MANAGER', 'CHANGE_MANAGER');
      if (status !== 'SUBMITTED') throw notFrom(name, change);
      const reason = requiredReason(args.reason);
      return { status: 'REJECTED', props: { reason }, checkConflicts: false, record: { reason } };
    }
    case 'start': {
      requireWorker(actor, change);
      const emergency = type === 'EMERGENCY' && status === 'SUBMITTED';
      if (status !== 'APPROVED' && !emergency) throw notFrom(name, change);
      return {
        status: 'IN_PROGRESS',
        props: {},
        actualStart: now,
        checkConflicts: false,
        record: { actualStart: now },
      };
    }
    case 'complete': {
      requireWorker(actor, change);
      if (status !== 'IN_PROGRESS') throw notFrom(name, change);
      if (!args.outcome) throw new BadUserInputError('an outcome is required', 'outcome');
      return {
        status: 'COMPLETED',
        props: { outcome: args.outcome },
        actualEnd: now,
        checkConflicts: false,
        record: { outcome: args.outcome, actualEnd: now },
      };
    }
    case 'cancel': {
      if (!hasRole(actor, 'CHANGE_MANAGER')) requireWorker(actor, change);
      if (status !== 'DRAFT' && status !== 'SUBMITTED' && status !== 'APPROVED')
        throw notFrom(name, change);
      const reason = requiredReason(args.reason);
      return { status: 'CANCELLED', props: { reason }, checkConflicts: false, record: { reason } };
    }
  }
}
