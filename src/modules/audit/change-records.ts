import type { QueryRunner } from '../../graph/executor.js';
import { newId } from '../../ids.js';

/** What kind of write an audit record describes. */
export const CHANGE_ACTIONS = [
  'CREATE',
  'UPDATE',
  'RETIRE',
  'LINK',
  'UNLINK',
  'TRANSITION',
  'IMPORT',
  'DELETE',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** Who wrote, and under which request: taken from the request context. */
export interface WriteOrigin {
  actor: string;
  requestId: string | null;
}

/** The origin of the writes of a caller (its actor and request). */
export function originOf(caller: { actor: { id: string }; requestId: string | null }): WriteOrigin {
  return { actor: caller.actor.id, requestId: caller.requestId };
}

/** An audit record to write. */
export interface ChangeRecordInput {
  action: ChangeAction;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
}

/** Per field, `{ before, after }` for every field whose value differs (compared as JSON). */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const compare = (key: string) => {
    const b = before[key] ?? null;
    const a = after[key] ?? null;
    if (b !== a && JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  };
  for (const key of Object.keys(before)) compare(key);
  for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) compare(key);
  return changes;
}

/** Writes audit records inside the caller's transaction, all with one timestamp. */
export async function recordChanges(
  tx: QueryRunner,
  origin: WriteOrigin,
  at: string,
  records: ChangeRecordInput[],
): Promise<void> {
  if (records.length === 0) return;
  await tx.run('audit/change-records-create', {
    at,
    actor: origin.actor,
    requestId: origin.requestId,
    records: records.map((r) => ({
      id: newId('cr'),
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      changes: JSON.stringify(r.changes),
    })),
  });
}
