import { BadUserInputError } from '../../errors.js';
import { pageRequest, toConnection, type Connection } from '../../pagination.js';
import {
  readAuditEvents,
  type AuditEventFilter,
  type AuditEventModel,
} from '../audit/audit-events.js';
import { ApiKeyFile, type ApiKeyEntry } from './api-keys.js';
import type { Caller } from './caller.js';
import { requireRole } from './roles.js';

/** Where the access service keeps its files. */
export interface AccessOptions {
  /** API_KEYS_FILE, or undefined when the service takes no API keys. */
  apiKeysFile: string | undefined;
  adminRequiresJwt: boolean;
  /** AUDIT_LOG, the live security audit file. */
  auditLog: string;
}

/** An API key as listed: never its secret. */
export type ApiKeyInfo = Omit<ApiKeyEntry, 'hash'>;

const info = ({ hash: _hash, ...rest }: ApiKeyEntry): ApiKeyInfo => rest;

/**
 * The duties MLPS level 3 keeps apart from the administrator (三权分立): the AUDITOR reads the
 * security audit events, the SECURITY_ADMIN manages API keys. ADMIN holds neither unless given it.
 */
export class AccessService {
  /** Called after a key is made or revoked, so that authentication sees it from the next request. */
  onKeysChanged: () => void = () => undefined;

  constructor(private readonly options: AccessOptions) {}

  /** Security audit events of the live audit file, oldest first (AUDITOR). */
  async auditEvents(
    caller: Caller,
    filter: AuditEventFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<AuditEventModel>> {
    requireRole(caller.actor, 'AUDITOR');
    const page = pageRequest('auditEvents', first, after);
    const start = Number(page.after?.[0] ?? 0);
    const { rows, total } = await readAuditEvents(
      this.options.auditLog,
      filter ?? {},
      start,
      page.first + 1,
    );
    const conn = toConnection(rows, page, total, (r) => [r.end]);
    return { ...conn, edges: conn.edges.map((e) => ({ cursor: e.cursor, node: e.node.event })) };
  }

  /** The API keys, without their secrets (SECURITY_ADMIN). */
  apiKeys(caller: Caller): ApiKeyInfo[] {
    requireRole(caller.actor, 'SECURITY_ADMIN');
    return this.keyFile().entries().map(info);
  }

  /** Makes an API key; its secret is in the answer only (SECURITY_ADMIN). */
  createApiKey(
    caller: Caller,
    input: { id: string; roles: string[]; expires?: string | null },
  ): { key: string; apiKey: ApiKeyInfo } {
    requireRole(caller.actor, 'SECURITY_ADMIN');
    const { key, entry } = this.keyFile().create(input, new Date());
    this.onKeysChanged();
    return { key, apiKey: info(entry) };
  }

  /** Revokes an API key: refused from the next request on (SECURITY_ADMIN). */
  revokeApiKey(caller: Caller, id: string): boolean {
    requireRole(caller.actor, 'SECURITY_ADMIN');
    this.keyFile().revoke(id);
    this.onKeysChanged();
    return true;
  }

  private keyFile(): ApiKeyFile {
    if (!this.options.apiKeysFile)
      throw new BadUserInputError('API_KEYS_FILE is not set: this service takes no API keys');
    return new ApiKeyFile(this.options.apiKeysFile, this.options.adminRequiresJwt);
  }
}
