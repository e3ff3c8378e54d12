import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

export const AUDIT_EVENT_TYPES = ['AUTHENTICATION', 'MUTATION'] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export const AUDIT_RESULTS = ['SUCCESS', 'FAILURE', 'DENIED'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** One security audit event: who did what, from where, and how it ended. */
export interface SecurityEvent {
  /** AUTHENTICATION for every authentication attempt; MUTATION for every request carrying a mutation. */
  eventType: AuditEventType;
  /** SUCCESS, FAILURE (the request was bad or failed), or DENIED (missing authentication or role). */
  result: AuditResult;
  /** The authenticated actor; for a refused token, the subject it claimed (see `detail`). */
  actor: string | null;
  roles: string[];
  /** How the actor authenticated: `apiKey`, `jwt`, `dev`, or `none`. */
  method: 'apiKey' | 'jwt' | 'dev' | 'none';
  clientAddress: string | null;
  /** The root fields the operation selected (what ran), fragments expanded. */
  rootFields: string[];
  /** The client's own name for the operation: its word, not what ran. */
  operationName: string | null;
  /** The server's request id (also on ChangeRecords and the `x-request-id` response header). */
  requestId: string;
  /** The client's `x-request-id`, when it was a sane one. */
  clientRequestId: string | null;
  /** Why it failed or was denied. */
  detail?: string;
}

/** Bounds of audit fields: a client cannot make a line long. */
const AUDIT_FIELD_MAX = 256;
const MAX_LIST = 50;

const cap = (v: string | null | undefined, max = AUDIT_FIELD_MAX): string | null =>
  v === null || v === undefined ? null : v.length > max ? `${v.slice(0, max - 1)}…` : v;

/** The event with every field within its bound (the client's operation name at 128 characters). */
function boundedEvent(event: SecurityEvent): SecurityEvent {
  return {
    ...event,
    actor: cap(event.actor),
    roles: event.roles.slice(0, MAX_LIST).map((r) => cap(r)!),
    clientAddress: cap(event.clientAddress, 64),
    rootFields: event.rootFields.slice(0, MAX_LIST).map((f) => cap(f, 128)!),
    operationName: cap(event.operationName, 128),
    requestId: cap(event.requestId, 100)!,
    clientRequestId: cap(event.clientRequestId, 100),
    detail: cap(event.detail, 512) ?? undefined,
  };
}

/**
 * Opens the audit file for appending with mode 0640, enforcing it on an existing file; refuses a
 * file that this process's user does not own (a file others can write is no evidence).
 */
function openAuditFile(file: string): number {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o640);
  const stat = fstatSync(fd);
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
    closeSync(fd);
    throw new Error(
      `AUDIT_LOG ${file} is owned by uid ${stat.uid}, not by the service's user (uid ${process.getuid()}): refusing to append to it`,
    );
  }
  if ((stat.mode & 0o777) !== 0o640) fchmodSync(fd, 0o640);
  return fd;
}

/**
 * The security audit log (MLPS 2.0 security audit): one JSON line per event with its time,
 * appended to a file that is opened for appending only and never rewritten, and written to
 * stdout for central collection. Each line is written synchronously, so an acknowledged request
 * has its audit line on disk (in the page cache) before its response is sent.
 */
export class SecurityLog {
  private fd: number;

  constructor(
    readonly file: string,
    private readonly stdout: boolean = true,
  ) {
    this.fd = openAuditFile(file);
  }

  /** Appends one event, its fields bounded. */
  record(event: SecurityEvent): void {
    const line = `${JSON.stringify({ time: new Date().toISOString(), audit: true, ...boundedEvent(event) })}\n`;
    writeSync(this.fd, line);
    if (this.stdout) process.stdout.write(line);
  }

  /** Reopens the file after it was rotated by renaming (SIGHUP). */
  reopen(): void {
    const old = this.fd;
    this.fd = openAuditFile(this.file);
    closeSync(old);
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }
}
