import type { Actor } from '../../context.js';
import {
  BadUserInputError,
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
} from '../../errors.js';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import { newId } from '../../ids.js';
import { requireRole } from '../access/roles.js';
import { diffFields, recordChanges, type WriteOrigin } from '../audit/change-records.js';
import type { CIClassModel, DependencyKind, DependencyStrength, EntityModel } from './models.js';
import { DEPENDENCY_KINDS } from './models.js';
import { cmdbRepository as repo, dependencyKey } from './repository.js';
import {
  LINKS,
  storedShape,
  type EntitySpec,
  type LinkType,
  type NormalizedEntity,
} from './specs.js';
import { Taxonomy } from './taxonomy.js';
import { checkName, Problems, type FieldProblem } from './validation.js';

/** The origin of a write by this actor in this request. */
export function originOf(actor: Actor, requestId: string | null): WriteOrigin {
  return { actor: actor.id, requestId };
}

/** Throws the first problem as BAD_USER_INPUT with its field, and all of them in `problems`. */
export function throwProblems(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new BadUserInputError(first.message, first.field, problems.length > 1 ? { problems } : {});
}

/** Flattens fields and links into one map, for audit diffs. */
export function auditShape(e: NormalizedEntity): Record<string, unknown> {
  const links = Object.fromEntries(
    Object.entries(e.links).map(([t, ids]) => [
      LINKS[t as LinkType].field,
      t === 'CONSUMED_BY' ? ids : (ids?.[0] ?? null),
    ]),
  );
  return { ...e.fields, ...links };
}

/**
 * Checks that every link target exists and has the right type. Missing targets are NOT_FOUND
 * (with the field); targets of the wrong type are BAD_USER_INPUT.
 */
async function checkLinkTargets(tx: QueryRunner, entity: NormalizedEntity): Promise<void> {
  const refs = Object.entries(entity.links).flatMap(([type, ids]) =>
    (ids ?? []).map((id) => ({ type: type as LinkType, id })),
  );
  if (refs.length === 0) return;
  const found = await repo.entitiesByIds(
    tx,
    refs.map((r) => r.id),
  );
  refs.forEach((ref, i) => {
    const target = found[i];
    const { field, target: label } = LINKS[ref.type];
    if (!target) throw new NotFoundError(label, ref.id, { field });
    if (target.__typename !== label)
      throw new BadUserInputError(
        `${field} ${ref.id} is a ${target.__typename}, not a ${label}`,
        field,
      );
  });
}

/** CMDB writes: entities through their specs, dependencies, with audit records in the same transaction. */
export class CmdbService {
  constructor(private readonly executor: Executor) {}

  /** Creates an entity of the spec's type. */
  async create(
    actor: Actor,
    requestId: string | null,
    spec: EntitySpec,
    input: Record<string, unknown>,
  ): Promise<EntityModel> {
    requireRole(actor, 'CMDB_ADMIN');
    return this.executor.writeTx(`create${spec.type}`, async (tx) => {
      const taxonomy = new Taxonomy(await repo.classes(tx));
      const problems = new Problems();
      const entity = spec.normalize(input, taxonomy, problems);
      throwProblems(problems.list);
      await checkLinkTargets(tx, entity);
      const id = entity.id ?? newId(spec.idPrefix);
      if ((await repo.entitiesByIds(tx, [id]))[0])
        throw new ConflictError(`an entity with id ${id} already exists`, { field: 'id' });
      const now = new Date().toISOString();
      // Its link targets were checked above: the links are created with the node.
      await repo.create(tx, spec, [{ id, entity }], now, true);
      await recordChanges(tx, originOf(actor, requestId), now, [
        {
          action: 'CREATE',
          entityType: spec.type,
          entityId: id,
          changes: diffFields({}, auditShape(entity)),
        },
      ]);
      await repo.bumpTopology(tx, [id]);
      return (await repo.entitiesByIds(tx, [id]))[0]!;
    });
  }

  /** Applies a patch when `expectedVersion` is current; CONFLICT otherwise, and nothing is written. */
  async update(
    actor: Actor,
    requestId: string | null,
    spec: EntitySpec,
    id: string,
    expectedVersion: number,
    patch: Record<string, unknown>,
    action: 'UPDATE' | 'RETIRE' = 'UPDATE',
  ): Promise<EntityModel> {
    requireRole(actor, 'CMDB_ADMIN');
    return this.executor.writeTx(`update${spec.type}`, async (tx) => {
      const lock = await repo.lock(tx, id);
      const current = lock ? (await repo.entitiesByIds(tx, [id]))[0] : undefined;
      if (!lock || !current || current.__typename !== spec.type)
        throw new NotFoundError(spec.type, id);
      if (lock.version !== expectedVersion) {
        throw new ConflictError(
          `${spec.type} ${id} is at version ${lock.version}, not ${expectedVersion}`,
          { currentVersion: lock.version },
        );
      }
      if (action === 'RETIRE' && (current as { status?: string }).status === 'RETIRED') {
        throw new InvalidTransitionError(`${spec.type} ${id} is already retired`);
      }
      const taxonomy = new Taxonomy(await repo.classes(tx));
      const problems = new Problems();
      const before = storedShape(spec, current, taxonomy, new Problems());
      const after = spec.normalize(
        { ...spec.inputOf(current), ...patch, id: null },
        taxonomy,
        problems,
      );
      throwProblems(problems.list);
      if (
        spec.type === 'ConfigurationItem' &&
        after.fields.minMembersUp === null &&
        (await repo.memberCount(tx, id)) > 0
      ) {
        throw new BadUserInputError(
          `${id} has MEMBER edges, so it must stay a group CI with redundancy`,
          'ciClass',
        );
      }
      if (spec.type === 'OrgUnit' && after.links.PART_OF?.[0] === id)
        throw new BadUserInputError('an org unit cannot be its own parent', 'parentId');
      await checkLinkTargets(tx, after);
      const changes = diffFields(auditShape(before), auditShape(after));
      const changedFields = Object.fromEntries(
        Object.keys(after.fields)
          .filter((f) => f in changes)
          .map((f) => [f, after.fields[f]]),
      );
      const now = new Date().toISOString();
      await repo.update(tx, spec, [{ id, fields: changedFields }], now);
      const changedLinks = spec.linkTypes.filter((t) => LINKS[t].field in changes);
      await repo.replaceLinks(tx, changedLinks, [{ id, links: after.links }]);
      await recordChanges(tx, originOf(actor, requestId), now, [
        { action, entityType: spec.type, entityId: id, changes },
      ]);
      await repo.bumpTopology(tx, [id]);
      return (await repo.entitiesByIds(tx, [id]))[0]!;
    });
  }

  /**
   * Adds a class to the taxonomy under an existing parent: a PascalCase name not yet taken
   * (CONFLICT otherwise), its English and Chinese labels, and whether it is abstract.
   */
  async createCIClass(
    actor: Actor,
    requestId: string | null,
    input: {
      name: string;
      label: string;
      labelZh: string;
      parent: string;
      abstract?: boolean | null;
    },
  ): Promise<CIClassModel> {
    requireRole(actor, 'CMDB_ADMIN');
    const problems = new Problems();
    if (typeof input.name !== 'string' || !/^[A-Z][A-Za-z0-9]{0,63}$/.test(input.name))
      problems.add(
        'name',
        'name must be 1 to 64 letters and digits starting with a capital (PascalCase)',
      );
    const cls = {
      name: input.name,
      label: checkName(input.label, 'label', problems),
      labelZh: checkName(input.labelZh, 'labelZh', problems),
      parent: checkName(input.parent, 'parent', problems),
      abstract: input.abstract ?? false,
    };
    throwProblems(problems.list);
    return this.executor.writeTx('createCIClass', async (tx) => {
      const taxonomy = new Taxonomy(await repo.classes(tx));
      if (taxonomy.get(cls.name))
        throw new ConflictError(`the class ${cls.name} already exists`, { field: 'name' });
      if (!taxonomy.get(cls.parent))
        throw new NotFoundError('CIClass', cls.parent, { field: 'parent' });
      const now = new Date().toISOString();
      await repo.createClass(tx, cls, now);
      await recordChanges(tx, originOf(actor, requestId), now, [
        {
          action: 'CREATE',
          entityType: 'CIClass',
          entityId: `ciclass:${cls.name}`,
          changes: diffFields({}, { ...cls }),
        },
      ]);
      return new Taxonomy(await repo.classes(tx)).get(cls.name)!;
    });
  }

  /** Adds a dependency edge after checking endpoints, the MEMBER rule and duplicates. */
  async addDependency(
    actor: Actor,
    requestId: string | null,
    input: {
      fromId: string;
      toId: string;
      kind?: DependencyKind | null;
      strength?: DependencyStrength | null;
    },
  ): Promise<{
    from: EntityModel;
    to: EntityModel;
    kind: DependencyKind;
    strength: DependencyStrength;
  }> {
    requireRole(actor, 'CMDB_ADMIN');
    const kind = input.kind ?? 'DEPENDS_ON';
    const strength = input.strength ?? 'HARD';
    if (!DEPENDENCY_KINDS.includes(kind))
      throw new BadUserInputError(`kind must be one of ${DEPENDENCY_KINDS.join(', ')}`, 'kind');
    if (strength !== 'HARD' && strength !== 'SOFT')
      throw new BadUserInputError('strength must be HARD or SOFT', 'strength');
    if (input.fromId === input.toId)
      throw new BadUserInputError('a component cannot depend on itself', 'toId');
    return this.executor.writeTx('addDependency', async (tx) => {
      if (!(await repo.lock(tx, input.fromId))) throw new NotFoundError('Component', input.fromId);
      const [from, to] = await repo.entitiesByIds(tx, [input.fromId, input.toId]);
      if (!from || !isComponent(from)) throw new NotFoundError('Component', input.fromId);
      if (!to || !isComponent(to)) throw new NotFoundError('Component', input.toId);
      if (
        kind === 'MEMBER' &&
        !(
          from.__typename === 'ConfigurationItem' &&
          (from as { minMembersUp: number | null }).minMembersUp !== null
        )
      ) {
        throw new BadUserInputError(
          'MEMBER edges leave only group CIs (those with redundancy)',
          'kind',
        );
      }
      const row = { fromId: input.fromId, toId: input.toId, kind, strength };
      if ((await repo.findDependencies(tx, [row])).size > 0) {
        throw new ConflictError(
          `${input.fromId} already has a ${kind} dependency on ${input.toId}`,
        );
      }
      await repo.createDependencies(tx, [row]);
      const now = new Date().toISOString();
      await recordChanges(tx, originOf(actor, requestId), now, [
        {
          action: 'LINK',
          entityType: from.__typename,
          entityId: input.fromId,
          changes: { dependency: { before: null, after: { toId: input.toId, kind, strength } } },
        },
      ]);
      await repo.bumpTopology(tx, [input.fromId]);
      return { from, to, kind, strength };
    });
  }

  /** Removes a dependency edge; NOT_FOUND when there is none. */
  async removeDependency(
    actor: Actor,
    requestId: string | null,
    fromId: string,
    toId: string,
    kind: DependencyKind,
  ): Promise<boolean> {
    requireRole(actor, 'CMDB_ADMIN');
    return this.executor.writeTx('removeDependency', async (tx) => {
      const lock = await repo.lock(tx, fromId);
      const key = { fromId, toId, kind };
      const strength = lock
        ? (await repo.findDependencies(tx, [key])).get(dependencyKey(key))
        : undefined;
      if (!lock || !strength) throw new NotFoundError('Dependency', `${fromId} -${kind}-> ${toId}`);
      await repo.deleteDependency(tx, fromId, toId, kind);
      const [from] = await repo.entitiesByIds(tx, [fromId]);
      await recordChanges(tx, originOf(actor, requestId), new Date().toISOString(), [
        {
          action: 'UNLINK',
          entityType: from!.__typename,
          entityId: fromId,
          changes: { dependency: { before: { toId, kind, strength }, after: null } },
        },
      ]);
      await repo.bumpTopology(tx, [fromId]);
      return true;
    });
  }
}

/** True for CIs and services. */
export function isComponent(e: EntityModel): boolean {
  return e.__typename === 'ConfigurationItem' || e.__typename === 'Service';
}
