import { createReadStream, existsSync, statSync } from 'node:fs';
import type { SecurityEvent } from './security-log.js';

/** A security audit event as the log file holds it: the event and its time. */
export type AuditEventModel = SecurityEvent & { time: string };

/** Which audit events `auditEvents` lists; all given conditions must hold. */
export interface AuditEventFilter {
  since?: string | null;
  until?: string | null;
  actor?: string | null;
  eventType?: string | null;
  result?: string | null;
}

/** True when the event meets the filter (times compared as instants). */
export function matchesFilter(e: AuditEventModel, f: AuditEventFilter): boolean {
  const at = Date.parse(e.time);
  return (
    (!f.since || at >= Date.parse(f.since)) &&
    (!f.until || at < Date.parse(f.until)) &&
    (!f.actor || e.actor === f.actor) &&
    (!f.eventType || e.eventType === f.eventType) &&
    (!f.result || e.result === f.result)
  );
}

/**
 * The events of the audit file, each with the byte offset just after its line (the whole file is
 * read: `totalCount` counts every match). Lines that are not audit events (a torn last line) are
 * passed over.
 */
async function* eventsFrom(file: string): AsyncGenerator<{ event: AuditEventModel; end: number }> {
  if (!existsSync(file)) return;
  let offset = 0;
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(file)) {
    let data = Buffer.concat([rest, chunk as Buffer]);
    let newline: number;
    while ((newline = data.indexOf(10)) >= 0) {
      const line = data.subarray(0, newline).toString('utf8');
      offset += newline + 1;
      data = data.subarray(newline + 1);
      try {
        const event = JSON.parse(line) as AuditEventModel;
        if (event && typeof event === 'object' && event.eventType) yield { event, end: offset };
      } catch {
        // not a whole audit line
      }
    }
    rest = data;
  }
}

/**
 * A page of the events of the live audit file (AUDIT_LOG) that meet the filter, oldest first,
 * from byte `start`: up to `limit` events with the offset after each, and how many meet the
 * filter in the whole file. A start past the end of the file (the file was rotated since the
 * cursor was made) starts at the top of the new file.
 */
export async function readAuditEvents(
  file: string,
  filter: AuditEventFilter,
  start: number,
  limit: number,
): Promise<{ rows: { event: AuditEventModel; end: number }[]; total: number }> {
  // A cursor from a file that has since been rotated away points past its end: start at the top.
  const from = existsSync(file) && start > statSync(file).size ? 0 : start;
  const rows: { event: AuditEventModel; end: number }[] = [];
  let total = 0;
  for await (const row of eventsFrom(file)) {
    if (!matchesFilter(row.event, filter)) continue;
    total += 1;
    if (row.end > from && rows.length < limit) rows.push(row);
  }
  return { rows, total };
}
