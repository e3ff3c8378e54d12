/**
 * The change calendar in a configuration document (a calendar usually starts as a spreadsheet):
 * `changeRequests` and `blackoutWindows`, upserted by id, validated all-or-nothing with the rest
 * of the document. Loaded as given (status included): an import is an administrator's load, not a
 * walk through the workflow; new changes get their number, and every row its ChangeRecord.
 */
import { entityStore } from '../../graph/entity-store.js';
import type { QueryRunner } from '../../graph/executor.js';
import { diffFields, recordChanges, type WriteOrigin } from '../audit/change-records.js';
import type { ImportExtension, ImportRowProblem } from '../cmdb/import-plan.js';
import { checkEnum, checkId, Problems } from '../cmdb/validation.js';
import {
  CHANGE_STATUSES,
  type BlackoutWindowModel,
  type ChangeRequestModel,
  type ChangeStatus,
} from './models.js';
import { changeRepository as repo } from './repository.js';
import { changeNumber, inputOf } from './service.js';
import { blackoutFields, changeFields, type ChangeFields } from './validation.js';

type Row = Readonly<Record<string, unknown>>;

interface ChangeRow {
  index: number;
  id: string;
  fields: ChangeFields & { status: ChangeStatus; requestedBy: string };
  stored: ChangeRequestModel | undefined;
}

interface BlackoutRow {
  index: number;
  id: string;
  fields: ReturnType<typeof blackoutFields>;
  stored: BlackoutWindowModel | undefined;
}

/** What an import row is compared with: the stored change's input, status and requester. */
const comparable = (c: ChangeRequestModel) => ({
  ...inputOf(c),
  status: c.status,
  requestedBy: c.requestedBy,
});

/** The change calendar's part of an import, for ImportService. */
export const changeImport: ImportExtension = {
  collections: ['changeRequests', 'blackoutWindows'],

  references(doc) {
    const ids = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    return [
      ...(doc.changeRequests ?? []).flatMap((r) => [
        ...(Array.isArray(r?.targets)
          ? r.targets
              .map((t) => (t as { componentId?: unknown })?.componentId)
              .filter((x): x is string => typeof x === 'string')
          : []),
        ...(typeof r?.implementerId === 'string' ? [r.implementerId] : []),
        ...ids(r?.knownErrorIds),
      ]),
      ...(doc.blackoutWindows ?? []).flatMap((r) => ids(r?.serviceIds)),
    ];
  },

  async plan(tx, doc, { typeOf, retired, actor }) {
    const problems: ImportRowProblem[] = [];
    const bad = (collection: 'changeRequests' | 'blackoutWindows', index: number, list: Problems) =>
      list.list.forEach((p) => problems.push({ collection, index, ...p }));
    const ids = new Set<string>();
    const rowId = (collection: 'changeRequests' | 'blackoutWindows', index: number, raw: Row) => {
      const p = new Problems();
      const id = checkId(raw.id, 'id', p);
      if (!id && !p.list.length)
        p.add('id', 'an import row needs an id, so that importing again updates it');
      else if (id && ids.has(id)) p.add('id', `id ${id} stands twice in the document`);
      if (id) ids.add(id);
      bad(collection, index, p);
      return id;
    };
    const changes: ChangeRow[] = [];
    (doc.changeRequests ?? []).forEach((raw, index) => {
      const id = rowId('changeRequests', index, raw ?? {});
      const p = new Problems();
      const fields = changeFields(raw ?? {}, p);
      const status = checkEnum(raw?.status, CHANGE_STATUSES, 'status', p, 'SUBMITTED');
      const requestedBy =
        typeof raw?.requestedBy === 'string' && raw.requestedBy.trim()
          ? raw.requestedBy.trim()
          : actor;
      fields.targets.forEach((t, i) => {
        const type = typeOf(t.componentId);
        if (type !== 'ConfigurationItem' && type !== 'Service')
          p.add(
            `targets[${i}].componentId`,
            `component ${t.componentId} does not exist in the document or the CMDB`,
          );
        else if (retired(t.componentId))
          p.add(
            `targets[${i}].componentId`,
            `${t.componentId} is retired: no change can target it`,
          );
      });
      if (fields.implementerId && typeOf(fields.implementerId) !== 'Supplier')
        p.add(
          'implementerId',
          `supplier ${fields.implementerId} does not exist in the document or the CMDB`,
        );
      fields.knownErrorIds.forEach((k, i) => {
        if (typeOf(k) !== 'KnownError')
          p.add(`knownErrorIds[${i}]`, `known error ${k} does not exist`);
      });
      bad('changeRequests', index, p);
      if (id)
        changes.push({ index, id, fields: { ...fields, status, requestedBy }, stored: undefined });
    });
    const blackouts: BlackoutRow[] = [];
    (doc.blackoutWindows ?? []).forEach((raw, index) => {
      const id = rowId('blackoutWindows', index, raw ?? {});
      const p = new Problems();
      const fields = blackoutFields(raw ?? {}, p);
      fields.serviceIds.forEach((s, i) => {
        if (typeOf(s) !== 'Service')
          p.add(`serviceIds[${i}]`, `service ${s} does not exist in the document or the CMDB`);
      });
      bad('blackoutWindows', index, p);
      if (id) blackouts.push({ index, id, fields, stored: undefined });
    });
    // What is stored under the rows' ids: the same kind of thing, or a clash.
    const stored = await entityStore.byIds(tx, [
      ...changes.map((c) => c.id),
      ...blackouts.map((b) => b.id),
    ]);
    changes.forEach((c, i) => {
      const s = stored[i];
      if (s && s.__typename !== 'ChangeRequest')
        problems.push({
          collection: 'changeRequests',
          index: c.index,
          field: 'id',
          message: `id ${c.id} belongs to a ${s.__typename}`,
        });
      else c.stored = s as ChangeRequestModel | undefined;
    });
    blackouts.forEach((b, i) => {
      const s = stored[changes.length + i];
      if (s && s.__typename !== 'BlackoutWindow')
        problems.push({
          collection: 'blackoutWindows',
          index: b.index,
          field: 'id',
          message: `id ${b.id} belongs to a ${s.__typename}`,
        });
      else b.stored = s as BlackoutWindowModel | undefined;
    });

    const result = { created: 0, updated: 0, unchanged: 0 };
    const writes: ((tx: QueryRunner, origin: WriteOrigin, now: string) => Promise<void>)[] = [];
    for (const c of changes) {
      const record = (action: 'IMPORT', changes: Record<string, unknown>) =>
        ({ action, entityType: 'ChangeRequest', entityId: c.id, changes }) as const;
      const { plannedStart, plannedEnd, targets, ...props } = c.fields;
      if (!c.stored) {
        result.created += 1;
        writes.push(async (w, origin, now) => {
          const number = changeNumber(await repo.nextNumber(w));
          await repo.create(
            w,
            c.id,
            { ...props, number },
            { plannedStart, plannedEnd },
            targets,
            now,
          );
          await recordChanges(w, origin, now, [
            record('IMPORT', diffFields({}, { number, ...c.fields })),
          ]);
        });
        continue;
      }
      const diff = diffFields(comparable(c.stored), { ...c.fields });
      if (Object.keys(diff).length === 0) {
        result.unchanged += 1;
        continue;
      }
      result.updated += 1;
      writes.push(async (w, origin, now) => {
        await repo.update(w, c.id, { props, plannedStart, plannedEnd, targets }, now);
        await recordChanges(w, origin, now, [record('IMPORT', diff)]);
      });
    }
    for (const b of blackouts) {
      const before = b.stored && (({ __typename: _t, id: _i, ...rest }) => rest)(b.stored);
      const diff = diffFields(before ?? {}, b.fields);
      if (b.stored && Object.keys(diff).length === 0) {
        result.unchanged += 1;
        continue;
      }
      result[b.stored ? 'updated' : 'created'] += 1;
      writes.push(async (w, origin, now) => {
        if (b.stored) await repo.deleteBlackout(w, b.id);
        await repo.createBlackout(w, b.id, b.fields, now);
        await recordChanges(w, origin, now, [
          { action: 'IMPORT', entityType: 'BlackoutWindow', entityId: b.id, changes: diff },
        ]);
      });
    }
    return {
      problems,
      result,
      async write(w, origin, now) {
        for (const write of writes) await write(w, origin, now);
      },
    };
  },
};
