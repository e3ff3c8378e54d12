import { ConflictError, InvalidTransitionError, NotFoundError } from '../../errors.js';
import { entityStore } from '../../graph/entity-store.js';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import { newId } from '../../ids.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import { diffFields, originOf, recordChanges } from '../audit/change-records.js';
import { auditShape } from '../audit/entity-audit.js';
import type {
  CIClassModel,
  ConfigurationItemModel,
  DependencyKind,
  EntityModel,
} from './models.js';
import { cmdbRepository as repo, dependencyKey } from './repository.js';
import {
  dependencyEndProblems,
  dependencyOf,
  linkTargetProblems,
  memberEdgeProblems,
  staysGroupProblems,
  type DependencyRow,
  type RuleProblem,
} from './rules.js';
import {
  LINKS,
  storedShape,
  type EntityInput,
  type EntityPatch,
  type EntitySpec,
} from './specs.js';
import { Taxonomy } from './taxonomy.js';
import { checkName, Problems, throwProblems } from './validation.js';

/** Throws rule problems: a reference to nothing as NOT_FOUND (with its field), the rest as BAD_USER_INPUT. */
function throwRuleProblems(problems: RuleProblem[]): void {
  const missing = problems.find((p) => p.missing);
  if (missing?.missing)
    throw new NotFoundError(missing.missing.type, missing.missing.id, { field: missing.field });
  throwProblems(problems);
}

/** What `typeOf` says of stored ids: their entities' types, read in one round trip. */
async function storedTypes(
  tx: QueryRunner,
  ids: string[],
): Promise<(id: string) => string | undefined> {
  const found = await entityStore.byIds(tx, ids);
  const types = new Map(ids.map((id, i) => [id, found[i]?.__typename]));
  return (id) => types.get(id);
}

/** CMDB writes: entities through their specs, dependencies, with audit records in the same transaction. */
export class CmdbService {
  constructor(private readonly executor: Executor) {}

  /** Creates an entity of the spec's type. */
  async create<M extends EntityModel, I extends object>(
    caller: Caller,
    spec: EntitySpec<M, I>,
    input: I,
  ): Promise<M> {
    requireRole(caller.actor, 'CMDB_ADMIN');
    return this.executor.writeTx(`create${spec.type}`, async (tx) => {
      const taxonomy = new Taxonomy(await repo.classes(tx));
      const problems = new Problems();
      const entity = spec.normalize(input as EntityInput, taxonomy, problems);
      throwProblems(problems.list);
      const targets = Object.values(entity.links).flatMap((ids) => ids ?? []);
      throwRuleProblems(linkTargetProblems(entity, await storedTypes(tx, targets), 'in the CMDB'));
      const id = entity.id ?? newId(spec.idPrefix);
      if ((await entityStore.byIds(tx, [id]))[0])
        throw new ConflictError(`an entity with id ${id} already exists`, { field: 'id' });
      const now = new Date().toISOString();
      // Its link targets were checked above: the links are created with the node.
      await repo.create(tx, spec, [{ id, entity }], now, true);
      await recordChanges(tx, originOf(caller), now, [
        {
          action: 'CREATE',
          entityType: spec.type,
          entityId: id,
          changes: diffFields({}, auditShape(entity)),
        },
      ]);
      await repo.bumpTopology(tx, [id]);
      return (await entityStore.byIds(tx, [id]))[0] as M;
    });
  }

  /** Applies a patch when `expectedVersion` is current; CONFLICT otherwise, and nothing is written. */
  update<M extends EntityModel, I extends object>(
    caller: Caller,
    spec: EntitySpec<M, I>,
    target: { id: string; expectedVersion: number },
    patch: EntityPatch<I>,
  ): Promise<M> {
    return this.write(caller, spec, target, patch as EntityInput, 'UPDATE');
  }

  /** Retires an entity (an update to RETIRED that refuses one already retired). */
  retire<M extends EntityModel, I extends object>(
    caller: Caller,
    spec: EntitySpec<M, I>,
    target: { id: string; expectedVersion: number },
  ): Promise<M> {
    return this.write(caller, spec, target, { status: 'RETIRED' }, 'RETIRE');
  }

  private async write<M extends EntityModel, I extends object>(
    caller: Caller,
    spec: EntitySpec<M, I>,
    target: { id: string; expectedVersion: number },
    patch: EntityInput,
    action: 'UPDATE' | 'RETIRE',
  ): Promise<M> {
    requireRole(caller.actor, 'CMDB_ADMIN');
    const { id, expectedVersion } = target;
    return this.executor.writeTx(`update${spec.type}`, async (tx) => {
      const version = await repo.lock(tx, id);
      const stored = version === null ? undefined : (await entityStore.byIds(tx, [id]))[0];
      if (!stored || stored.__typename !== spec.type) throw new NotFoundError(spec.type, id);
      const current = stored as M;
      if (version !== expectedVersion) {
        throw new ConflictError(
          `${spec.type} ${id} is at version ${version}, not ${expectedVersion}`,
          { currentVersion: version },
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
      if (spec.type === 'ConfigurationItem' && after.fields.minMembersUp === null) {
        const [members] = await repo.memberCounts(tx, [id]);
        throwProblems(staysGroupProblems(id, after.fields.minMembersUp, members!, 'ciClass'));
      }
      spec.updateProblems?.(id, after, problems);
      throwProblems(problems.list);
      const targets = Object.values(after.links).flatMap((ids) => ids ?? []);
      throwRuleProblems(linkTargetProblems(after, await storedTypes(tx, targets), 'in the CMDB'));
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
      await recordChanges(tx, originOf(caller), now, [
        { action, entityType: spec.type, entityId: id, changes },
      ]);
      await repo.bumpTopology(tx, [id]);
      return (await entityStore.byIds(tx, [id]))[0] as M;
    });
  }

  /**
   * Adds a class to the taxonomy under an existing parent: a PascalCase name not yet taken
   * (CONFLICT otherwise), its English and Chinese labels, and whether it is abstract.
   */
  async createCIClass(
    caller: Caller,
    input: {
      name: string;
      label: string;
      labelZh: string;
      parent: string;
      abstract?: boolean | null;
    },
  ): Promise<CIClassModel> {
    requireRole(caller.actor, 'CMDB_ADMIN');
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
      await recordChanges(tx, originOf(caller), now, [
        {
          action: 'CREATE',
          entityType: 'CIClass',
          entityId: `ciclass:${cls.name}`,
          changes: diffFields({}, { ...cls }),
        },
      ]);
      // The read copies keep the taxonomy per version (see read-cache.ts).
      await repo.bumpTopology(tx, [`ciclass:${cls.name}`]);
      return new Taxonomy(await repo.classes(tx)).get(cls.name)!;
    });
  }

  /** Adds a dependency edge after checking endpoints, the MEMBER rule and duplicates. */
  async addDependency(
    caller: Caller,
    input: { fromId: string; toId: string; kind?: unknown; strength?: unknown },
  ): Promise<Omit<DependencyRow, 'fromId' | 'toId'> & { from: EntityModel; to: EntityModel }> {
    requireRole(caller.actor, 'CMDB_ADMIN');
    const { row, problems } = dependencyOf(input);
    throwProblems(problems);
    const { fromId, toId, kind, strength } = row;
    return this.executor.writeTx('addDependency', async (tx) => {
      if ((await repo.lock(tx, fromId)) === null) throw new NotFoundError('Component', fromId);
      const [from, to] = await entityStore.byIds(tx, [fromId, toId]);
      const typeOf = (id: string) => (id === fromId ? from : to)?.__typename;
      // An end that is not a component is, for one edge, a component that is not there.
      const [end] = dependencyEndProblems(row, typeOf);
      if (end) throw new NotFoundError('Component', end.field === 'fromId' ? fromId : toId);
      const isGroup =
        from?.__typename === 'ConfigurationItem' &&
        (from as ConfigurationItemModel).minMembersUp !== null;
      throwProblems(memberEdgeProblems(kind, isGroup));
      if ((await repo.findDependencies(tx, [row])).size > 0) {
        throw new ConflictError(`${fromId} already has a ${kind} dependency on ${toId}`);
      }
      await repo.createDependencies(tx, [row]);
      const now = new Date().toISOString();
      await recordChanges(tx, originOf(caller), now, [
        {
          action: 'LINK',
          entityType: from!.__typename,
          entityId: fromId,
          changes: { dependency: { before: null, after: { toId, kind, strength } } },
        },
      ]);
      await repo.bumpTopology(tx, [fromId]);
      return { from: from!, to: to!, kind, strength };
    });
  }

  /** Removes a dependency edge; NOT_FOUND when there is none. */
  async removeDependency(
    caller: Caller,
    edge: { fromId: string; toId: string; kind: DependencyKind },
  ): Promise<boolean> {
    requireRole(caller.actor, 'CMDB_ADMIN');
    const { fromId, toId, kind } = edge;
    return this.executor.writeTx('removeDependency', async (tx) => {
      const locked = (await repo.lock(tx, fromId)) !== null;
      const strength = locked
        ? (await repo.findDependencies(tx, [edge])).get(dependencyKey(edge))
        : undefined;
      if (!strength) throw new NotFoundError('Dependency', `${fromId} -${kind}-> ${toId}`);
      await repo.deleteDependency(tx, edge);
      const [from] = await entityStore.byIds(tx, [fromId]);
      await recordChanges(tx, originOf(caller), new Date().toISOString(), [
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
