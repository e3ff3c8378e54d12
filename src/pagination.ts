import { BadUserInputError } from './errors.js';

/** Default and largest page sizes of every connection (API.md conventions). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** The type of one part of a list's sort key. */
export type CursorPart = 'string' | 'number';

/**
 * The lists that issue cursors, each with the parts of its sort key. A cursor carries its list's
 * name, so that one list's cursor given to another is refused instead of answering a wrong page.
 */
export const CURSOR_LISTS = {
  configurationItems: ['string', 'string'],
  services: ['string', 'string'],
  dependencies: ['string', 'string', 'string'],
  dependents: ['string', 'string', 'string'],
  history: ['string', 'string'],
  auditTrail: ['string', 'string'],
  knownErrors: ['string', 'string'],
  searchKnowledge: ['number'],
  auditEvents: ['number'],
  changeRequests: ['string', 'string'],
  spofRegister: ['number', 'string', 'string'],
  importChanges: ['number', 'string'],
  incidentRefs: ['string', 'string'],
} as const satisfies Record<string, readonly CursorPart[]>;
export type CursorList = keyof typeof CURSOR_LISTS;

/** Validated `first`/`after` arguments: `after` decoded to the sort key it stands for. */
export interface PageRequest {
  list: CursorList;
  first: number;
  /** The sort key to continue after; null to start from the top. */
  after: unknown[] | null;
  /** True when the client gave `after` (Relay: then a previous page exists). */
  hasAfter: boolean;
}

/**
 * Encodes a position in a list as an opaque, URL-safe cursor: its list's name and its sort key,
 * or no key for the position before the first element.
 */
export function encodeCursor(list: CursorList, key: readonly unknown[] | null): string {
  return Buffer.from(JSON.stringify(key === null ? [list] : [list, ...key]), 'utf8').toString(
    'base64url',
  );
}

const badCursor = (list: CursorList) =>
  new BadUserInputError(`after is not a cursor of ${list}`, 'after');

/**
 * Decodes a cursor of `list`: its sort key, or null for the position before the first element.
 * A malformed cursor, another list's, or one with a part of the wrong type is BAD_USER_INPUT on
 * `after`.
 */
export function decodeCursor(cursor: string, list: CursorList): unknown[] | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor(list);
  }
  if (!Array.isArray(decoded) || decoded[0] !== list) throw badCursor(list);
  const key = decoded.slice(1);
  if (key.length === 0) return null;
  const parts: readonly CursorPart[] = CURSOR_LISTS[list];
  if (
    key.length !== parts.length ||
    key.some((v, i) =>
      parts[i] === 'number' ? !Number.isSafeInteger(v) || (v as number) < 0 : typeof v !== 'string',
    )
  )
    throw badCursor(list);
  return key;
}

/** Checks `first` (default 50, 0 to `max`) and decodes `after` as a cursor of `list`. */
export function pageRequest(
  list: CursorList,
  first: number | null | undefined,
  after: string | null | undefined,
  { defaultSize = DEFAULT_PAGE_SIZE, max = MAX_PAGE_SIZE } = {},
): PageRequest {
  const size = first ?? defaultSize;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw new BadUserInputError(`first must be from 0 to ${max}, got ${size}`, 'first');
  }
  const hasAfter = after !== null && after !== undefined;
  return { list, first: size, after: hasAfter ? decodeCursor(after, list) : null, hasAfter };
}

/** Where a page stands (Relay's PageInfo; forward paging only). */
export interface PageInfo {
  hasNextPage: boolean;
  /** True exactly when the page was asked for `after` a cursor. */
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection of plain models. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The PageInfo of a page of edges. On a page with no edges both cursors stand where the page
 * started (after the given cursor, or before the first element), so that a client that follows
 * `endCursor` resumes there and never starts again from the top.
 */
export function pageInfoOf(page: PageRequest, cursors: string[], hasNextPage: boolean): PageInfo {
  const here = encodeCursor(page.list, page.after);
  return {
    hasNextPage,
    hasPreviousPage: page.hasAfter,
    startCursor: cursors[0] ?? here,
    endCursor: cursors.at(-1) ?? here,
  };
}

/** Builds a connection from up to `first + 1` rows (the extra row only says a next page exists). */
export function toConnection<T>(
  rows: T[],
  page: PageRequest,
  totalCount: number,
  keyOf: (row: T) => readonly unknown[],
): Connection<T> {
  const edges = rows
    .slice(0, page.first)
    .map((node) => ({ cursor: encodeCursor(page.list, keyOf(node)), node }));
  return {
    edges,
    pageInfo: pageInfoOf(
      page,
      edges.map((e) => e.cursor),
      rows.length > page.first,
    ),
    totalCount,
  };
}
