/**
 * The CMDB's domain rules, written once and called from every write path: the single mutations
 * (service.ts) and the bulk import (import-plan.ts). Pure: what the rules need of the stored graph
 * is passed in. Each returns the problems it finds, by field.
 */
import { DEPENDENCY_KINDS, DEPENDENCY_STRENGTHS } from './models.js';
import type { DependencyKind, DependencyStrength } from './models.js';
import { LINKS, type LinkType, type NormalizedEntity } from './specs.js';
import type { FieldProblem } from './validation.js';

/** A problem a rule found; `missing` when it is a reference to nothing (NOT_FOUND for one write). */
export interface RuleProblem extends FieldProblem {
  missing?: { type: string; id: string };
}

/** A dependency edge as a write names it. */
export interface DependencyRow {
  fromId: string;
  toId: string;
  kind: DependencyKind;
  strength: DependencyStrength;
}

/**
 * The edge a raw input names, with kind and strength defaulted (DEPENDS_ON, HARD), and what is
 * wrong with it on its own: missing ends, an unknown kind or strength, a self-loop.
 */
export function dependencyOf(input: {
  fromId?: unknown;
  toId?: unknown;
  kind?: unknown;
  strength?: unknown;
}): { row: DependencyRow; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const fromId = typeof input.fromId === 'string' ? input.fromId : '';
  const toId = typeof input.toId === 'string' ? input.toId : '';
  const kind = (input.kind ?? 'DEPENDS_ON') as DependencyKind;
  const strength = (input.strength ?? 'HARD') as DependencyStrength;
  if (!fromId) problems.push({ field: 'fromId', message: 'fromId must be an id' });
  if (!toId) problems.push({ field: 'toId', message: 'toId must be an id' });
  if (!DEPENDENCY_KINDS.includes(kind))
    problems.push({ field: 'kind', message: `kind must be one of ${DEPENDENCY_KINDS.join(', ')}` });
  if (!DEPENDENCY_STRENGTHS.includes(strength))
    problems.push({ field: 'strength', message: 'strength must be HARD or SOFT' });
  if (fromId && fromId === toId)
    problems.push({ field: 'toId', message: 'a component cannot depend on itself' });
  return { row: { fromId, toId, kind, strength }, problems };
}

/** The ends of an edge must be components: `typeOf` says what each id is, if anything. */
export function dependencyEndProblems(
  row: Pick<DependencyRow, 'fromId' | 'toId'>,
  typeOf: (id: string) => string | undefined,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const field of ['fromId', 'toId'] as const) {
    const id = row[field];
    const type = id ? typeOf(id) : undefined;
    if (!id || type === 'ConfigurationItem' || type === 'Service') continue;
    problems.push(
      type
        ? { field, message: `${id} is a ${type}, not a component` }
        : {
            field,
            message: `component ${id} does not exist in the document or the CMDB`,
            missing: { type: 'Component', id },
          },
    );
  }
  return problems;
}

/** MEMBER edges leave only group CIs: `sourceIsGroup` says whether the source is one. */
export function memberEdgeProblems(kind: DependencyKind, sourceIsGroup: boolean): RuleProblem[] {
  return kind === 'MEMBER' && !sourceIsGroup
    ? [{ field: 'kind', message: 'MEMBER edges leave only group CIs (those with redundancy)' }]
    : [];
}

/** A CI that has MEMBER edges must stay a group CI: it keeps its redundancy. */
export function staysGroupProblems(
  id: string,
  minMembersUp: unknown,
  memberCount: number,
  field: 'redundancy' | 'ciClass',
): RuleProblem[] {
  return minMembersUp === null && memberCount > 0
    ? [{ field, message: `${id} has MEMBER edges, so it must stay a group CI with redundancy` }]
    : [];
}

/** Every link of an entity must point at an entity of its link's type: `typeOf` says what ids are. */
export function linkTargetProblems(
  entity: NormalizedEntity,
  typeOf: (id: string) => string | undefined,
  where = 'in the document or the CMDB',
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const [type, ids] of Object.entries(entity.links) as [LinkType, string[]][]) {
    const { field, target } = LINKS[type];
    for (const id of ids) {
      const found = typeOf(id);
      if (!found)
        problems.push({
          field,
          message: `${target} ${id} does not exist ${where}`,
          missing: { type: target, id },
        });
      else if (found !== target)
        problems.push({ field, message: `${id} is a ${found}, not a ${target}` });
    }
  }
  return problems;
}
