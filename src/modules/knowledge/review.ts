/**
 * Use and review (API.md, "Use and review"), pure: the default review date and the three rules of
 * `needsReview`. Shared by the resolvers and, as Cypher, by knowledge/page (the filter).
 */

/** What an article's recorded uses say. */
export interface UsageFacts {
  uses: number;
  helpful: number;
  lastUsedAt: string | null;
  /** A CI the article applies to is retired. */
  affectedRetired: boolean;
}

/** `KnownError.usage` as its resolvers see it: the facts and the article's id. */
export type UsageModel = UsageFacts & { id: string };

/** The review date: the one set, else one year after the first publication, else none. */
export function reviewByOf(a: {
  reviewBy: string | null;
  publishedAt: string | null;
}): string | null {
  if (a.reviewBy) return a.reviewBy;
  if (!a.publishedAt) return null;
  // The UTC day of the first publication, a year on; 29 February becomes the 28th (as Cypher's
  // date + duration('P1Y') does in knowledge/page).
  const [y, m, d] = a.publishedAt.slice(0, 10).split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Uses from which helpfulness counts, and the share of "not helpful" past which it flags. */
export const MIN_USES_FOR_REVIEW = 3;

/**
 * Whether an article needs review: not RETIRED, and its review date has passed (`today` is after
 * it), or a CI it applies to is retired, or at least three uses were recorded and more than a
 * third of them said it did not help.
 */
export function needsReview(
  a: { status: string; reviewBy: string | null; publishedAt: string | null },
  usage: UsageFacts,
  today: string,
): boolean {
  if (a.status === 'RETIRED') return false;
  const by = reviewByOf(a);
  if (by !== null && by < today) return true;
  if (usage.affectedRetired) return true;
  const notHelpful = usage.uses - usage.helpful;
  return usage.uses >= MIN_USES_FOR_REVIEW && notHelpful * 3 > usage.uses;
}
