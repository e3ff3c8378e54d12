import { registerEntityMapper } from '../cmdb/entity-mapping.js';

/** Where an article is in its review workflow. */
export const KNOWN_ERROR_STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'RETIRED'] as const;
export type KnownErrorStatus = (typeof KNOWN_ERROR_STATUSES)[number];

/** The text fields of an article, each saved in every revision. */
export const TEXT_FIELDS = ['title', 'symptoms', 'cause', 'workaround', 'resolution'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** A known-error article as the repository returns it. */
export interface KnownErrorModel {
  __typename: 'KnownError';
  id: string;
  number: string;
  title: string;
  symptoms: string;
  cause: string | null;
  workaround: string | null;
  resolution: string | null;
  status: KnownErrorStatus;
  tags: string[];
  problemRef: string | null;
  author: string;
  reviewer: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** The review date set by the author or a reviewer (null: the default, review.ts). */
  reviewBy: string | null;
  /** The revision whose text is published (null before the first publication). */
  publishedRevision: number | null;
  /**
   * An edit of a PUBLISHED article waiting for review: its stage and the article's fields as the
   * edit has them. Readers, search and impact matches keep the published text until it is published.
   */
  pending: { status: 'DRAFT' | 'IN_REVIEW'; fields: Record<string, unknown> } | null;
}

/** One saved version of an article's text. */
export interface KnownErrorRevisionModel {
  version: number;
  title: string;
  symptoms: string;
  cause: string | null;
  workaround: string | null;
  resolution: string | null;
  editedBy: string;
  editedAt: string;
  changeNote: string | null;
}

/** What an article applies to. */
export interface KnownErrorLinks {
  ciIds: string[];
  serviceIds: string[];
  classes: string[];
}

/** Why an article matches a component (API.md's KnownErrorMatch.reason). */
export const MATCH_REASONS = ['DIRECT', 'CI_CLASS', 'SERVICE'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Maps a KnownError node's properties to its model. */
export function toKnownError(p: Record<string, unknown>): KnownErrorModel {
  return {
    __typename: 'KnownError',
    id: String(p.id),
    number: String(p.number),
    title: String(p.title),
    symptoms: String(p.symptoms),
    cause: str(p.cause),
    workaround: str(p.workaround),
    resolution: str(p.resolution),
    status: p.status as KnownErrorStatus,
    tags: Array.isArray(p.tags) ? p.tags.map(String) : [],
    problemRef: str(p.problemRef),
    author: String(p.author),
    reviewer: str(p.reviewer),
    version: Number(p.version),
    createdAt: String(p.createdAt),
    updatedAt: String(p.updatedAt),
    publishedAt: str(p.publishedAt),
    reviewBy: str(p.reviewBy),
    publishedRevision:
      p.publishedRevision === null || p.publishedRevision === undefined
        ? null
        : Number(p.publishedRevision),
    pending:
      typeof p.pendingFields === 'string'
        ? {
            status: p.pendingStatus as 'DRAFT' | 'IN_REVIEW',
            fields: JSON.parse(p.pendingFields) as Record<string, unknown>,
          }
        : null,
  };
}

registerEntityMapper('KnownError', (p) => toKnownError(p) as never);
