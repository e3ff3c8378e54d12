/** Plain models of change management, as its repository returns them and resolvers receive them. */
import { registerEntityMapper } from '../cmdb/entity-mapping.js';

export const CHANGE_TYPES = ['STANDARD', 'NORMAL', 'EMERGENCY'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];
export const CHANGE_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'APPROVED',
  'REJECTED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
/** The statuses in which a change is scheduled: it counts in conflicts. */
export const SCHEDULED_STATUSES: readonly ChangeStatus[] = ['SUBMITTED', 'APPROVED', 'IN_PROGRESS'];
export const CHANGE_RISKS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type ChangeRisk = (typeof CHANGE_RISKS)[number];
export const CHANGE_OUTCOMES = ['SUCCESSFUL', 'FAILED', 'BACKED_OUT'] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];
export const CHANGE_EFFECTS = ['DOWN', 'DEGRADED', 'NONE'] as const;
export type ChangeEffect = (typeof CHANGE_EFFECTS)[number];
export const CONFLICT_KINDS = ['SAME_COMPONENT', 'COMBINED_IMPACT', 'BLACKOUT'] as const;

/** One target of a change. */
export interface ChangeTargetModel {
  componentId: string;
  effect: ChangeEffect;
}

/** A change request. */
export interface ChangeRequestModel {
  __typename: 'ChangeRequest';
  id: string;
  number: string;
  title: string;
  description: string | null;
  type: ChangeType;
  status: ChangeStatus;
  risk: ChangeRisk;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  outcome: ChangeOutcome | null;
  targets: ChangeTargetModel[];
  implementationPlan: string | null;
  backoutPlan: string | null;
  requestedBy: string;
  approvedBy: string | null;
  approverOverride: boolean;
  conflictsOverridden: boolean;
  reason: string | null;
  implementerId: string | null;
  knownErrorIds: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A blackout window. */
export interface BlackoutWindowModel {
  __typename: 'BlackoutWindow';
  id: string;
  name: string;
  start: string;
  end: string;
  serviceIds: string[];
  reason: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Maps a ChangeRequest node's properties to its model (targets are stored as parallel lists). */
export function toChangeRequest(p: Record<string, unknown>): ChangeRequestModel {
  const ids = strings(p.targetIds);
  const effects = strings(p.targetEffects);
  return {
    __typename: 'ChangeRequest',
    id: String(p.id),
    number: String(p.number),
    title: String(p.title),
    description: str(p.description),
    type: p.type as ChangeType,
    status: p.status as ChangeStatus,
    risk: p.risk as ChangeRisk,
    plannedStart: String(p.plannedStart),
    plannedEnd: String(p.plannedEnd),
    actualStart: str(p.actualStart),
    actualEnd: str(p.actualEnd),
    outcome: str(p.outcome) as ChangeOutcome | null,
    targets: ids.map((componentId, i) => ({
      componentId,
      effect: (effects[i] ?? 'NONE') as ChangeEffect,
    })),
    implementationPlan: str(p.implementationPlan),
    backoutPlan: str(p.backoutPlan),
    requestedBy: String(p.requestedBy),
    approvedBy: str(p.approvedBy),
    approverOverride: p.approverOverride === true,
    conflictsOverridden: p.conflictsOverridden === true,
    reason: str(p.reason),
    implementerId: str(p.implementerId),
    knownErrorIds: strings(p.knownErrorIds),
    version: Number(p.version),
    createdAt: String(p.createdAt),
    updatedAt: String(p.updatedAt),
  };
}

/** Maps a BlackoutWindow node's properties to its model. */
export function toBlackoutWindow(p: Record<string, unknown>): BlackoutWindowModel {
  return {
    __typename: 'BlackoutWindow',
    id: String(p.id),
    name: String(p.name),
    start: String(p.start),
    end: String(p.end),
    serviceIds: strings(p.serviceIds),
    reason: str(p.reason),
  };
}

registerEntityMapper('ChangeRequest', (p) => toChangeRequest(p) as never);
registerEntityMapper('BlackoutWindow', (p) => toBlackoutWindow(p) as never);
