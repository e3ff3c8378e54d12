import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors.js';
import { ROLES, type Role } from './roles.js';

/** One entry of the API key file: only the key's hash is stored. */
export interface ApiKeyEntry {
  id: string;
  hash: string;
  roles: string[];
  /** When the key stops working (ISO-8601); absent: it does not expire. */
  expires?: string;
  /** When the key was made (ISO-8601), for keys made by this service. */
  createdAt?: string;
}

/** The hash an API key is stored as: `sha256:<hex>` (keys are long random strings, not passwords). */
export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** The known roles among the given ones (a list, or a space- or comma-separated string). */
export const knownRoles = (roles: unknown): Role[] =>
  (Array.isArray(roles) ? roles : typeof roles === 'string' ? roles.split(/[\s,]+/) : []).filter(
    (r): r is Role => ROLES.includes(r as Role),
  );

/** A usable subject or key id: a string of 1 to 200 characters, not blank, with no control character. */
export const usableSubject = (sub: unknown): sub is string =>
  typeof sub === 'string' && sub.trim() !== '' && sub.length <= 200 && !/[\p{Cc}]/u.test(sub);

/** The problem with one entry of the key file, or null. */
function entryProblem(e: ApiKeyEntry, adminRequiresJwt: boolean): string | null {
  if (!usableSubject(e?.id) || !/^sha256:[0-9a-f]{64}$/.test(String(e.hash)))
    return 'needs an id and a hash "sha256:<64 hex digits>"';
  if (knownRoles(e.roles).length === 0) return `needs at least one role of ${ROLES.join(', ')}`;
  if (e.expires !== undefined && Number.isNaN(Date.parse(e.expires)))
    return 'expires must be an ISO-8601 date-time';
  if (adminRequiresJwt && knownRoles(e.roles).includes('ADMIN'))
    return 'ADMIN_REQUIRES_JWT=true: no API key may carry ADMIN';
  return null;
}

/**
 * The API key file (API_KEYS_FILE): a JSON array of `{ id, hash, roles, expires?, createdAt? }`,
 * read whole and written whole (to a temporary file renamed over it, mode 0600), so that a
 * reader never sees half a file. Shared by the authenticator, `npm run api-key` and the
 * SECURITY_ADMIN mutations.
 */
export class ApiKeyFile {
  constructor(
    readonly file: string,
    private readonly adminRequiresJwt = false,
  ) {}

  /** Every entry, checked; a bad file throws naming the entry. A missing file has none. */
  entries(): ApiKeyEntry[] {
    if (!existsSync(this.file)) return [];
    const entries = JSON.parse(readFileSync(this.file, 'utf8')) as ApiKeyEntry[];
    if (!Array.isArray(entries)) throw new Error(`${this.file}: expected a JSON array of API keys`);
    entries.forEach((e, i) => {
      const problem = entryProblem(e, this.adminRequiresJwt);
      if (problem) throw new Error(`${this.file}[${i}]: ${problem}`);
    });
    return entries;
  }

  /** The entries by hash, for authentication. */
  byHash(): Map<string, ApiKeyEntry> {
    return new Map(this.entries().map((e) => [e.hash, e]));
  }

  /**
   * Makes a key for `id` with these roles (and an optional expiry), stores its hash and returns
   * the key, which is never stored or shown again. A taken id is CONFLICT.
   */
  create(
    input: { id: string; roles: string[]; expires?: string | null },
    now: Date,
  ): {
    key: string;
    entry: ApiKeyEntry;
  } {
    if (!/^[\w.@-]{1,100}$/.test(input.id))
      throw new BadUserInputError('id must be 1 to 100 letters, digits or _ . @ -', 'id');
    if (input.expires != null && !(Date.parse(input.expires) > now.getTime()))
      throw new BadUserInputError('expires must be a date-time in the future', 'expires');
    const entries = this.entries();
    if (entries.some((e) => e.id === input.id))
      throw new ConflictError(`an API key for ${input.id} exists; revoke it first`, {
        field: 'id',
      });
    const key = `egk_${randomBytes(32).toString('base64url')}`;
    const entry: ApiKeyEntry = {
      id: input.id,
      hash: hashApiKey(key),
      roles: [...new Set(input.roles)],
      ...(input.expires != null ? { expires: new Date(input.expires).toISOString() } : {}),
      createdAt: now.toISOString(),
    };
    const problem = entryProblem(entry, this.adminRequiresJwt);
    if (problem) throw new BadUserInputError(`the key ${problem}`, 'roles');
    this.write([...entries, entry]);
    return { key, entry };
  }

  /** Removes the key of `id`; NOT_FOUND when there is none. */
  revoke(id: string): void {
    const entries = this.entries();
    if (!entries.some((e) => e.id === id)) throw new NotFoundError('ApiKey', id);
    this.write(entries.filter((e) => e.id !== id));
  }

  private write(entries: ApiKeyEntry[]): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
