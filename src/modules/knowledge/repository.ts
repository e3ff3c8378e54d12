import { ConflictError, NotFoundError } from '../../errors.js';
import type { QueryRunner } from '../../graph/executor.js';
import {
  TEXT_FIELDS,
  toKnownError,
  type KnownErrorLinks,
  type KnownErrorModel,
  type KnownErrorRevisionModel,
  type MatchReason,
} from './models.js';

/** The Cypher names the knowledge base uses, checked at start. */
export const KNOWLEDGE_QUERIES = [
  'system/next-number',
  'knowledge/create',
  'knowledge/update',
  'knowledge/lock',
  'knowledge/revision-create',
  'knowledge/links-add',
  'knowledge/links-remove',
  'knowledge/links-of',
  'knowledge/revisions-of',
  'knowledge/by-number',
  'knowledge/page',
  'knowledge/search',
  'knowledge/matches',
  'knowledge/outbox-add',
  'knowledge/outbox-pending',
  'knowledge/outbox-done',
  'knowledge/outbox-count',
  'knowledge/all-ids',
  'knowledge/ci-context',
  'knowledge/count',
  'knowledge/use-record',
  'knowledge/usage-of',
  'knowledge/incident-refs-page',
  'knowledge/review-by-set',
  'knowledge/gaps',
] as const;

/** Filter of article lists and searches, with statuses resolved. */
export interface ArticleFilter {
  statuses: string[] | null;
  ciId: string | null;
  serviceId: string | null;
  ciClass: string | null;
  tags: string[] | null;
}

/** Cypher for the knowledge base: returns plain models. */
export const knowledgeRepository = {
  /** The next article number's sequence value, in the caller's transaction. */
  async nextNumber(tx: QueryRunner): Promise<number> {
    const [row] = await tx.run('system/next-number', { name: 'knownError' });
    return Number(row!.value);
  },

  /** Creates an article node with version 1. */
  async create(
    tx: QueryRunner,
    id: string,
    props: Record<string, unknown>,
    now: string,
  ): Promise<void> {
    await tx.run('knowledge/create', { id, props, now });
  },

  /** Locks an article and reads it; undefined when it does not exist. */
  async lock(tx: QueryRunner, id: string): Promise<KnownErrorModel | undefined> {
    const [row] = await tx.run('knowledge/lock', { id });
    return row ? toKnownError(row.entity as Record<string, unknown>) : undefined;
  },

  /**
   * Locks an article and checks the version the client read (null: any): NOT_FOUND for an unknown
   * id, CONFLICT with `currentVersion` for another version.
   */
  async lockAt(
    tx: QueryRunner,
    id: string,
    expectedVersion: number | null,
  ): Promise<KnownErrorModel> {
    const article = await knowledgeRepository.lock(tx, id);
    if (!article) throw new NotFoundError('KnownError', id);
    if (expectedVersion !== null && article.version !== expectedVersion)
      throw new ConflictError(
        `KnownError ${id} is at version ${article.version}, not ${expectedVersion}`,
        { currentVersion: article.version },
      );
    return article;
  },

  /** Writes new field values and bumps the version. */
  async update(
    tx: QueryRunner,
    id: string,
    props: Record<string, unknown>,
    now: string,
  ): Promise<void> {
    await tx.run('knowledge/update', { id, props, now });
  },

  /** Saves a revision at the article's current version with this text (its own, or a pending edit's). */
  async saveRevision(
    tx: QueryRunner,
    id: string,
    fields: Record<string, unknown>,
    editedBy: string,
    changeNote: string | null,
    now: string,
  ): Promise<void> {
    const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, fields[f] ?? null]));
    await tx.run('knowledge/revision-create', { id, text, editedBy, changeNote, now });
  },

  /** Adds or removes links to components (by id) and classes (by name). */
  async changeLinks(
    tx: QueryRunner,
    how: 'add' | 'remove',
    id: string,
    componentIds: string[],
    classes: string[],
  ): Promise<void> {
    await tx.run(how === 'add' ? 'knowledge/links-add' : 'knowledge/links-remove', {
      id,
      componentIds,
      classes,
    });
  },

  /** What each article applies to, in the order of `ids`. */
  async links(tx: QueryRunner, ids: readonly string[]): Promise<KnownErrorLinks[]> {
    const rows = await tx.run('knowledge/links-of', { ids: [...new Set(ids)] });
    const byId = new Map(rows.map((r) => [String(r.id), r as unknown as KnownErrorLinks]));
    return ids.map((id) => byId.get(id) ?? { ciIds: [], serviceIds: [], classes: [] });
  },

  /** The revisions of each article, oldest first, in the order of `ids`. */
  async revisions(tx: QueryRunner, ids: readonly string[]): Promise<KnownErrorRevisionModel[][]> {
    const rows = await tx.run('knowledge/revisions-of', { ids: [...new Set(ids)] });
    const byId = new Map(
      rows.map((r) => [String(r.id), r.revisions as unknown as KnownErrorRevisionModel[]]),
    );
    return ids.map((id) => byId.get(id) ?? []);
  },

  /** The id of the article with this number, if any. */
  async idByNumber(tx: QueryRunner, number: string): Promise<string | null> {
    const [row] = await tx.run('knowledge/by-number', { number });
    return row ? String(row.id) : null;
  },

  /** A page of articles, newest first. */
  async page(
    tx: QueryRunner,
    filter: ArticleFilter,
    after: unknown[] | null,
    limit: number,
    review: { needsReview: boolean | null; today: string } = { needsReview: null, today: '' },
  ): Promise<{ total: number; rows: KnownErrorModel[] }> {
    const [row] = await tx.run('knowledge/page', {
      ...filter,
      ...review,
      afterAt: after?.[0] ?? null,
      afterId: after?.[1] ?? null,
      limit,
    });
    return {
      total: Number(row!.total),
      rows: (row!.rows as Record<string, unknown>[]).map(toKnownError),
    };
  },

  /** The published articles matching each component, with the strongest reason, newest first. */
  async matches(
    tx: QueryRunner,
    ids: readonly string[],
  ): Promise<{ id: string; reason: MatchReason }[][]> {
    const rows = await tx.run('knowledge/matches', { ids: [...new Set(ids)] });
    const byId = new Map(
      rows.map((r) => [String(r.id), r.matches as { id: string; reason: MatchReason }[]]),
    );
    return ids.map((id) => byId.get(id) ?? []);
  },
};
