/**
 * Use and review (API.md, "Use and review"): engineers record that an article was applied to an
 * incident and whether it helped; the uses feed `usage` and `needsReview` (review.ts). A use is not
 * an edit: it is stored beside the article (`(:KnownErrorUse)-[:USE_OF]->(article)`, with who and
 * when), leaves the article's version alone and so never conflicts with an edit.
 */
import { randomUUID } from 'node:crypto';
import { BadUserInputError, ForbiddenError, InvalidTransitionError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import { pageRequest, toConnection, type Connection } from '../../pagination.js';
import type { Caller } from '../access/caller.js';
import { hasRole, requireRole } from '../access/roles.js';
import { originOf, recordChanges } from '../audit/change-records.js';
import { knowledgeRepository as repo } from './repository.js';
import type { UsageFacts } from './review.js';

/** One recorded use that names an incident. */
export interface IncidentRefModel {
  id: string;
  ref: string;
  helpful: boolean;
  usedBy: string;
  usedAt: string;
  note: string | null;
}

const LIMITS = { incidentRef: 100, note: 2000 };

/** A usable short text: trimmed, within `max` characters, with no control character. */
function text(value: string | null | undefined, field: string, max: number): string | null {
  if (value == null) return null;
  const v = value.trim();
  if (v === '') return null;
  if (v.length > max || /\p{Cc}/u.test(v))
    throw new BadUserInputError(
      `${field} must be at most ${max} characters, with no control character`,
      field,
    );
  return v;
}

/** Reads and writes of article use, and the review date. */
export class KnowledgeUsage {
  constructor(private readonly executor: Executor) {}

  /**
   * Records a use of a PUBLISHED article (ENGINEER): NOT_FOUND for an unknown article,
   * INVALID_TRANSITION for one in another status (only published text is applied to incidents).
   * `at` is now, except for the demo history (seed.ts).
   */
  async record(
    caller: Caller,
    id: string,
    input: { helpful: boolean; incidentRef?: string | null; note?: string | null },
    at = new Date(),
  ): Promise<void> {
    requireRole(caller.actor, 'ENGINEER');
    const incidentRef = text(input.incidentRef, 'incidentRef', LIMITS.incidentRef);
    const note = text(input.note, 'note', LIMITS.note);
    await this.executor.writeTx('recordKnownErrorUse', async (tx) => {
      const article = await repo.lockAt(tx, id, null);
      if (article.status !== 'PUBLISHED')
        throw new InvalidTransitionError(
          `only a PUBLISHED article can be recorded as used; ${id} is ${article.status}`,
          { from: article.status },
        );
      await tx.run('knowledge/use-record', {
        id,
        useId: randomUUID(),
        now: at.toISOString(),
        actor: caller.actor.id,
        helpful: input.helpful,
        incidentRef,
        note,
      });
    });
  }

  /**
   * Sets the date by which an article is to be reviewed again: PROBLEM_MANAGER (the reviewer), or
   * the article's author. Not for a RETIRED article (INVALID_TRANSITION). Audited.
   */
  async setReviewBy(
    caller: Caller,
    id: string,
    expectedVersion: number,
    reviewBy: string,
  ): Promise<void> {
    requireRole(caller.actor, 'ENGINEER');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewBy) || Number.isNaN(Date.parse(reviewBy)))
      throw new BadUserInputError('reviewBy must be a date, YYYY-MM-DD', 'reviewBy');
    await this.executor.writeTx('setKnownErrorReviewBy', async (tx) => {
      const article = await repo.lockAt(tx, id, expectedVersion);
      if (article.status === 'RETIRED')
        throw new InvalidTransitionError('a RETIRED article is read-only', { from: 'RETIRED' });
      if (article.author !== caller.actor.id && !hasRole(caller.actor, 'PROBLEM_MANAGER'))
        throw new ForbiddenError(
          "setting an article's review date needs PROBLEM_MANAGER, or being its author",
          'PROBLEM_MANAGER',
        );
      const now = new Date().toISOString();
      await tx.run('knowledge/review-by-set', { id, reviewBy, now });
      await recordChanges(tx, originOf(caller), now, [
        {
          action: 'UPDATE',
          entityType: 'KnownError',
          entityId: id,
          changes: { reviewBy: { before: article.reviewBy, after: reviewBy } },
        },
      ]);
    });
  }

  /** For each article: its uses and whether a CI it applies to is retired (for the loader). */
  async facts(ids: readonly string[]): Promise<UsageFacts[]> {
    const rows = await this.executor.readSingle('knownErrorUsage', (tx) =>
      tx.run('knowledge/usage-of', { ids }),
    );
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    return ids.map((id) => {
      const r = byId.get(id);
      return {
        uses: Number(r?.uses ?? 0),
        helpful: Number(r?.helpful ?? 0),
        lastUsedAt: r?.lastUsedAt == null ? null : String(r.lastUsedAt),
        affectedRetired: r?.affectedRetired === true,
      };
    });
  }

  /** The uses of an article that name an incident, newest first (VIEWER). */
  async incidentRefs(
    caller: Caller,
    id: string,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<IncidentRefModel>> {
    requireRole(caller.actor, 'VIEWER');
    const page = pageRequest('incidentRefs', first, after);
    const [row] = await this.executor.readSingle('knownErrorIncidentRefs', (tx) =>
      tx.run('knowledge/incident-refs-page', {
        id,
        afterAt: page.after?.[0] ?? null,
        afterId: page.after?.[1] ?? null,
        limit: page.first + 1,
      }),
    );
    const rows = ((row?.rows as Record<string, unknown>[] | undefined) ?? []).map((r) => ({
      id: String(r.id),
      ref: String(r.ref),
      helpful: r.helpful === true,
      usedBy: String(r.usedBy),
      usedAt: String(r.usedAt),
      note: r.note == null ? null : String(r.note),
    }));
    return toConnection(rows, page, Number(row?.total ?? 0), (r) => [r.usedAt, r.id]);
  }
}
