import { BadUserInputError } from './errors.js';

/** Default and largest page sizes of every connection (API.md conventions). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Validated `first`/`after` arguments: `after` decoded to the sort key it stands for. */
export interface PageRequest {
  first: number;
  after: unknown[] | null;
}

/** Encodes a sort key as an opaque, URL-safe cursor. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length) return key;
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError('after is not a cursor of this list', 'after');
}

/** Checks `first` (default 50, 0 to 200) and decodes `after` for a key of `keyLength` parts. */
export function pageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
  keyLength: number,
): PageRequest {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be from 0 to ${MAX_PAGE_SIZE}, got ${size}`, 'first');
  }
  return { first: size, after: after ? decodeCursor(after, keyLength) : null };
}

/** A Relay connection of plain models. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Builds a connection from up to `first + 1` rows (the extra row only says a next page exists). */
export function toConnection<T>(
  rows: T[],
  first: number,
  totalCount: number,
  keyOf: (row: T) => readonly unknown[],
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
