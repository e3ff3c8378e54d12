/** Field checks of change requests and blackout windows: pure, shared by the mutations and imports. */
import {
  checkDateTime,
  checkEnum,
  checkName,
  checkRef,
  checkText,
  type Problems,
} from '../cmdb/validation.js';
import {
  CHANGE_EFFECTS,
  CHANGE_RISKS,
  CHANGE_TYPES,
  type ChangeRisk,
  type ChangeTargetModel,
  type ChangeType,
} from './models.js';

/** The most targets one change may name. */
export const MAX_TARGETS = 200;

/** A change request's fields, checked and canonical. */
export interface ChangeFields {
  title: string;
  description: string | null;
  type: ChangeType;
  risk: ChangeRisk;
  plannedStart: string;
  plannedEnd: string;
  targets: ChangeTargetModel[];
  implementationPlan: string | null;
  backoutPlan: string | null;
  implementerId: string | null;
  knownErrorIds: string[];
}

/** A list of ids, each checked; absent is empty. */
function checkRefs(value: unknown, field: string, problems: Problems): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(field, `${field} must be a list of ids`);
    return [];
  }
  return [...new Set(value.map((v, i) => checkRef(v, `${field}[${i}]`, problems) ?? ''))].filter(
    Boolean,
  );
}

/** The targets: at least one, each component once, each with a known effect. */
function checkTargets(value: unknown, problems: Problems): ChangeTargetModel[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add('targets', 'a change needs at least one target');
    return [];
  }
  if (value.length > MAX_TARGETS)
    problems.add('targets', `a change takes at most ${MAX_TARGETS} targets`);
  const seen = new Set<string>();
  const out: ChangeTargetModel[] = [];
  value.forEach((raw, i) => {
    const t = (raw ?? {}) as Record<string, unknown>;
    const componentId = checkRef(t.componentId, `targets[${i}].componentId`, problems);
    const effect = checkEnum(t.effect, CHANGE_EFFECTS, `targets[${i}].effect`, problems);
    if (!componentId) return;
    if (seen.has(componentId))
      problems.add(`targets[${i}].componentId`, `${componentId} is already a target`);
    seen.add(componentId);
    out.push({ componentId, effect });
  });
  return out;
}

/** Normalizes a full create-shaped input; problems are collected, not thrown. */
export function changeFields(input: Record<string, unknown>, problems: Problems): ChangeFields {
  const plannedStart = checkDateTime(input.plannedStart, 'plannedStart', problems);
  const plannedEnd = checkDateTime(input.plannedEnd, 'plannedEnd', problems);
  if (!plannedStart && input.plannedStart == null)
    problems.add('plannedStart', 'plannedStart is required');
  if (!plannedEnd && input.plannedEnd == null) problems.add('plannedEnd', 'plannedEnd is required');
  if (plannedStart && plannedEnd && plannedEnd <= plannedStart)
    problems.add('plannedEnd', 'plannedEnd must be after plannedStart');
  return {
    title: checkName(input.title, 'title', problems),
    description: checkText(input.description, 'description', problems),
    type: checkEnum(input.type, CHANGE_TYPES, 'type', problems),
    risk: checkEnum(input.risk, CHANGE_RISKS, 'risk', problems),
    plannedStart: plannedStart ?? '',
    plannedEnd: plannedEnd ?? '',
    targets: checkTargets(input.targets, problems),
    implementationPlan: checkText(input.implementationPlan, 'implementationPlan', problems),
    backoutPlan: checkText(input.backoutPlan, 'backoutPlan', problems),
    implementerId: checkRef(input.implementerId, 'implementerId', problems),
    knownErrorIds: checkRefs(input.knownErrorIds, 'knownErrorIds', problems),
  };
}

/** A blackout window's fields, checked and canonical. */
export function blackoutFields(input: Record<string, unknown>, problems: Problems) {
  const start = checkDateTime(input.start, 'start', problems);
  const end = checkDateTime(input.end, 'end', problems);
  if (input.start == null) problems.add('start', 'start is required');
  if (input.end == null) problems.add('end', 'end is required');
  if (start && end && end <= start) problems.add('end', 'end must be after start');
  return {
    name: checkName(input.name, 'name', problems),
    start: start ?? '',
    end: end ?? '',
    serviceIds: checkRefs(input.serviceIds, 'serviceIds', problems),
    reason: checkText(input.reason, 'reason', problems),
  };
}
