import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

/** One security audit event: who did what, from where, and how it ended. */
export interface SecurityEvent {
  /** AUTHENTICATION for every authentication attempt; MUTATION for every GraphQL mutation. */
  eventType: 'AUTHENTICATION' | 'MUTATION';
  /** SUCCESS, FAILURE (the request was bad or failed), or DENIED (missing authentication or role). */
  result: 'SUCCESS' | 'FAILURE' | 'DENIED';
  actor: string | null;
  roles: string[];
  clientAddress: string | null;
  operationName: string | null;
  requestId: string;
  /** Why it failed or was denied, or how the actor authenticated. */
  detail?: string;
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
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, 'a', 0o640);
  }

  /** Appends one event. */
  record(event: SecurityEvent): void {
    const line = `${JSON.stringify({ time: new Date().toISOString(), audit: true, ...event })}\n`;
    writeSync(this.fd, line);
    if (this.stdout) process.stdout.write(line);
  }

  /** Reopens the file after it was rotated by renaming (SIGHUP). */
  reopen(): void {
    const old = this.fd;
    this.fd = openSync(this.file, 'a', 0o640);
    closeSync(old);
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }
}
