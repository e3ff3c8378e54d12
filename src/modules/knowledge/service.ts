import {
  BadUserInputError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
} from '../../errors.js';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import { newId } from '../../ids.js';
import type { KnowledgeSearchEngine } from '../../search/port.js';
import { articleNumber } from '../../search/query-text.js';
import { hasRole, requireRole } from '../access/roles.js';
import {
  diffFields,
  originOf,
  recordChanges,
  type ChangeRecordInput,
} from '../audit/change-records.js';
import { entityStore } from '../../graph/entity-store.js';
import type { Caller } from '../access/caller.js';
import { cmdbRepository } from '../cmdb/repository.js';
import { throwProblems } from '../cmdb/validation.js';
import type { FieldProblem } from '../cmdb/validation.js';
import type { KnownErrorModel, KnownErrorStatus } from './models.js';
import { planTransition, TRANSITIONS, type TransitionName } from './workflow.js';
import { knowledgeRepository as repo } from './repository.js';
import {
  ARTICLE_LIMITS,
  checkArticleText,
  normalizeArticle,
  type ArticleFields,
} from './validation.js';

/** What an article applies to, as a write gives it. */
export interface LinkInput {
  ciIds?: string[] | null;
  serviceIds?: string[] | null;
  ciClasses?: string[] | null;
}

const ENTITY_TYPE = 'KnownError';

/**
 * Known-error writes: creation with a transactional number, edits with revisions, the review
 * workflow with separated duties, and links. Each write locks the article, checks
 * `expectedVersion`, records its ChangeRecords and tells the search engine, all in one
 * transaction.
 */
export class KnowledgeService {
  constructor(
    private readonly executor: Executor,
    private readonly search: KnowledgeSearchEngine,
  ) {}

  /** Creates a DRAFT article with the next number, its first revision and its links. */
  async create(caller: Caller, input: ArticleFields & LinkInput): Promise<KnownErrorModel> {
    requireRole(caller.actor, 'ENGINEER');
    const problems: FieldProblem[] = [];
    const fields = normalizeArticle(input, true, problems);
    const links = await this.checkLinkShape(input, problems);
    throwProblems(problems);
    const id = newId('ke');
    await this.executor.writeTx('createKnownError', async (tx) => {
      await this.checkLinkTargets(tx, links);
      const now = new Date().toISOString();
      const number = articleNumber(await repo.nextNumber(tx));
      const props = {
        ...fields,
        number,
        status: 'DRAFT',
        author: caller.actor.id,
        reviewer: null,
        publishedAt: null,
      };
      await repo.create(tx, id, props, now);
      await repo.changeLinks(tx, 'add', id, [...links.ciIds, ...links.serviceIds], links.classes);
      await repo.saveRevision(tx, id, fields, caller.actor.id, null, now);
      await this.finish(tx, caller, id, now, [
        {
          action: 'CREATE',
          entityType: ENTITY_TYPE,
          entityId: id,
          changes: diffFields({}, { ...props, ...linkShape(links) }),
        },
      ]);
    });
    return this.reload(id);
  }

  /** Edits the text of a non-retired article and records a revision. */
  async update(
    caller: Caller,
    id: string,
    expectedVersion: number,
    input: ArticleFields,
    changeNote: string | null | undefined,
  ): Promise<KnownErrorModel> {
    requireRole(caller.actor, 'ENGINEER');
    const problems: FieldProblem[] = [];
    const fields = normalizeArticle(input, false, problems);
    if (changeNote && changeNote.length > ARTICLE_LIMITS.changeNoteLength)
      problems.push({ field: 'changeNote', message: 'changeNote is too long' });
    if (changeNote) checkArticleText(changeNote, 'changeNote', problems);
    throwProblems(problems);
    await this.executor.writeTx('updateKnownError', async (tx) => {
      const before = await this.lockForWrite(tx, id, expectedVersion, 'edited');
      const now = new Date().toISOString();
      // A PUBLISHED article keeps its published text for readers, search and impact matches: the
      // edit waits as a pending edit (DRAFT) until it is submitted and published in its turn.
      const editsPublished = before.status === 'PUBLISHED';
      const base = before.pending?.fields ?? articleFields(before);
      const after = { ...base, ...fields };
      const props = editsPublished
        ? { pendingFields: JSON.stringify(after), pendingStatus: before.pending?.status ?? 'DRAFT' }
        : fields;
      await repo.update(tx, id, props, now);
      await repo.saveRevision(tx, id, after, caller.actor.id, changeNote?.trim() || null, now);
      const changes: Record<string, unknown> = diffFields(pick(base, Object.keys(fields)), fields);
      if (editsPublished && !before.pending)
        changes.pendingStatus = { before: null, after: 'DRAFT' };
      if (changeNote) changes.changeNote = { before: null, after: changeNote };
      await this.finish(tx, caller, id, now, [
        { action: 'UPDATE', entityType: ENTITY_TYPE, entityId: id, changes },
      ]);
    });
    return this.reload(id);
  }

  /** Moves an article one step through the workflow; INVALID_TRANSITION from any other status. */
  async transition(
    caller: Caller,
    name: TransitionName,
    id: string,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<KnownErrorModel> {
    const step = TRANSITIONS[name];
    requireRole(caller.actor, step.role);
    if ((name === 'reject' || name === 'retire') && !reason?.trim())
      throw new BadUserInputError(`a reason is required to ${name} an article`, 'reason');
    if (reason && reason.length > ARTICLE_LIMITS.changeNoteLength)
      throw new BadUserInputError('reason is too long', 'reason');
    const reasonProblems: FieldProblem[] = [];
    if (reason) checkArticleText(reason, 'reason', reasonProblems);
    throwProblems(reasonProblems);
    await this.executor.writeTx(`${name}KnownError`, async (tx) => {
      const before = await this.lock(tx, id, expectedVersion);
      const [revisions] = await repo.revisions(tx, [id]);
      const now = new Date().toISOString();
      const plan = planTransition(name, caller.actor, before, revisions!, now);
      await repo.update(tx, id, plan.props, now);
      // pendingFields is the pending edit's whole text: its fields are recorded when published.
      const keys = Object.keys(plan.props).filter((k) => k !== 'pendingFields');
      const changes: Record<string, unknown> = diffFields(
        pick(auditedState(before), keys),
        pick(plan.props, keys),
      );
      if (reason) changes.reason = { before: null, after: reason.trim() };
      if (plan.authorOverride) changes.authorOverride = { before: null, after: true };
      await this.finish(tx, caller, id, now, [
        { action: 'TRANSITION', entityType: ENTITY_TYPE, entityId: id, changes },
      ]);
    });
    return this.reload(id);
  }

  /** Adds or removes what a non-retired article applies to. */
  async changeLinks(
    caller: Caller,
    how: 'add' | 'remove',
    id: string,
    input: LinkInput,
    expectedVersion?: number | null,
  ): Promise<KnownErrorModel> {
    requireRole(caller.actor, 'ENGINEER');
    const problems: FieldProblem[] = [];
    const links = await this.checkLinkShape(input, problems);
    throwProblems(problems);
    await this.executor.writeTx(
      how === 'add' ? 'linkKnownError' : 'unlinkKnownError',
      async (tx) => {
        const article = await this.lockForWrite(tx, id, expectedVersion ?? null, 'relinked');
        // What a published article applies to decides which impact reports show it: reviewed.
        if (article.status === 'PUBLISHED' && !hasRole(caller.actor, 'PROBLEM_MANAGER'))
          throw new ForbiddenError(
            'changing what a published article applies to needs PROBLEM_MANAGER',
            'PROBLEM_MANAGER',
          );
        if (how === 'add') await this.checkLinkTargets(tx, links);
        const [before] = await repo.links(tx, [id]);
        await repo.changeLinks(tx, how, id, [...links.ciIds, ...links.serviceIds], links.classes);
        const [after] = await repo.links(tx, [id]);
        const now = new Date().toISOString();
        await repo.update(tx, id, {}, now);
        await this.finish(tx, caller, id, now, [
          {
            action: how === 'add' ? 'LINK' : 'UNLINK',
            entityType: ENTITY_TYPE,
            entityId: id,
            changes: diffFields(linkShape(before!), linkShape(after!)),
          },
        ]);
      },
    );
    return this.reload(id);
  }

  private lock(
    tx: QueryRunner,
    id: string,
    expectedVersion: number | null,
  ): Promise<KnownErrorModel> {
    return repo.lockAt(tx, id, expectedVersion);
  }

  /** Locks an article that is about to change; a RETIRED article is read-only. */
  private async lockForWrite(
    tx: QueryRunner,
    id: string,
    expectedVersion: number | null,
    what: string,
  ): Promise<KnownErrorModel> {
    const article = await this.lock(tx, id, expectedVersion);
    if (article.status === 'RETIRED')
      throw new InvalidTransitionError(`a RETIRED article is read-only and cannot be ${what}`, {
        from: 'RETIRED' satisfies KnownErrorStatus,
      });
    return article;
  }

  /** Normalizes link input; unknown class names are problems of `ciClasses`. */
  private async checkLinkShape(
    input: LinkInput,
    problems: FieldProblem[],
  ): Promise<{ ciIds: string[]; serviceIds: string[]; classes: string[] }> {
    const links = {
      ciIds: [...new Set(input.ciIds ?? [])],
      serviceIds: [...new Set(input.serviceIds ?? [])],
      classes: [...new Set(input.ciClasses ?? [])],
    };
    if (links.ciIds.length + links.serviceIds.length + links.classes.length > ARTICLE_LIMITS.links)
      problems.push({ field: 'ciIds', message: `at most ${ARTICLE_LIMITS.links} links at once` });
    if (links.classes.length > 0) {
      const taxonomy = await this.executor.readSingle('ciClasses', (tx) =>
        cmdbRepository.taxonomy(tx),
      );
      for (const name of links.classes)
        if (!taxonomy.get(name))
          problems.push({ field: 'ciClasses', message: `no CI class named ${name}` });
    }
    return links;
  }

  /** Checks that linked CIs and services exist with the right type. */
  private async checkLinkTargets(
    tx: QueryRunner,
    links: { ciIds: string[]; serviceIds: string[] },
  ): Promise<void> {
    const refs = [
      ...links.ciIds.map((id) => ({ id, field: 'ciIds', type: 'ConfigurationItem' })),
      ...links.serviceIds.map((id) => ({ id, field: 'serviceIds', type: 'Service' })),
    ];
    if (refs.length === 0) return;
    const found = await entityStore.byIds(
      tx,
      refs.map((r) => r.id),
    );
    refs.forEach((ref, i) => {
      const target = found[i];
      if (!target) throw new NotFoundError(ref.type, ref.id, { field: ref.field });
      if (target.__typename !== ref.type)
        throw new BadUserInputError(
          `${ref.id} is a ${target.__typename}, not a ${ref.type}`,
          ref.field,
        );
    });
  }

  /** Writes the audit records and tells the search engine, in the writing transaction. */
  private async finish(
    tx: QueryRunner,
    caller: Caller,
    id: string,
    now: string,
    records: ChangeRecordInput[],
  ): Promise<void> {
    await recordChanges(tx, originOf(caller), now, records);
    await this.search.articleChanged(tx, id, now);
  }

  private async reload(id: string): Promise<KnownErrorModel> {
    const [article] = (await this.executor.readSingle('knownErrorsByIds', (tx) =>
      entityStore.byIds(tx, [id]),
    )) as (KnownErrorModel | undefined)[];
    return article!;
  }
}

const pick = (values: object, keys: string[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((k) => [k, (values as Record<string, unknown>)[k] ?? null]));

/** What a transition's audit record compares: the fields, the status and the review state. */
const auditedState = (a: KnownErrorModel): Record<string, unknown> => ({
  ...articleFields(a),
  status: a.status,
  reviewer: a.reviewer,
  publishedAt: a.publishedAt,
  publishedRevision: a.publishedRevision,
  pendingStatus: a.pending?.status ?? null,
});

/** The fields an edit may change, as the article has them. */
const articleFields = (a: KnownErrorModel): Record<string, unknown> => ({
  title: a.title,
  symptoms: a.symptoms,
  cause: a.cause,
  workaround: a.workaround,
  resolution: a.resolution,
  tags: a.tags,
  problemRef: a.problemRef,
});

const linkShape = (l: { ciIds: string[]; serviceIds: string[]; classes: string[] }) => ({
  ciIds: [...l.ciIds].sort(),
  serviceIds: [...l.serviceIds].sort(),
  appliesToClasses: [...l.classes].sort(),
});
