import { readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ImportDocument } from '../modules/cmdb/import.js';
import { ASSET_FIELDS } from '../modules/cmdb/models.js';
import { csvRecords } from './csv.js';

/** The CSV file of each collection in a directory import, and its columns (documented in the README). */
export const CSV_FILES: Record<keyof ImportDocument, string> = {
  orgUnits: 'org-units.csv',
  suppliers: 'suppliers.csv',
  configurationItems: 'configuration-items.csv',
  services: 'services.csv',
  dependencies: 'dependencies.csv',
  changeRequests: 'change-requests.csv',
  blackoutWindows: 'blackout-windows.csv',
  contracts: 'contracts.csv',
  slaMeasurements: 'sla-measurements.csv',
};

/** Targets as a cell: `componentId:EFFECT` pairs separated by `;` (`core-ext-1:DOWN;core-ext-2:NONE`). */
const targetsOf = (v: string | undefined) =>
  list(v)?.map((pair) => {
    const at = pair.lastIndexOf(':');
    return at < 0
      ? { componentId: pair, effect: undefined }
      : { componentId: pair.slice(0, at).trim(), effect: pair.slice(at + 1).trim() };
  });

const list = (v: string | undefined) =>
  v
    ? v
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
const json = (v: string | undefined) => (v ? JSON.parse(v) : undefined);
const text = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

/** The object without its undefined fields (an absent cell means an absent field). */
const strip = (o: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
};

/** Turns one CSV row (column → text) into an input row of its collection. */
export function fromCsvRow(
  collection: keyof ImportDocument,
  c: Record<string, string>,
): Record<string, unknown> {
  switch (collection) {
    case 'orgUnits':
      return strip({ id: text(c.id), name: c.name, kind: c.kind, parentId: text(c.parentId) });
    case 'suppliers':
      return strip({
        id: text(c.id),
        name: c.name,
        role: c.role,
        contractRef: text(c.contractRef),
        contractEnd: text(c.contractEnd),
        contact: text(c.contact),
      });
    case 'configurationItems': {
      const asset = strip(
        Object.fromEntries(
          ASSET_FIELDS.map((k) => [k, k === 'originalValue' ? num(c[k]) : text(c[k])]),
        ),
      );
      return strip({
        id: text(c.id),
        name: c.name,
        ciClass: c.ciClass,
        status: text(c.status),
        environment: text(c.environment),
        criticality: text(c.criticality),
        description: text(c.description),
        attributes: json(c.attributes),
        asset: Object.keys(asset).length > 0 ? asset : undefined,
        ownerId: text(c.ownerId),
        supplierId: text(c.supplierId),
        tags: list(c.tags),
        ipAddresses: list(c.ipAddresses),
        redundancy: c.minMembersUp ? { minMembersUp: num(c.minMembersUp) } : undefined,
      });
    }
    case 'services':
      return strip({
        id: text(c.id),
        name: c.name,
        description: text(c.description),
        category: c.category,
        subcategory: text(c.subcategory),
        kind: text(c.kind),
        status: text(c.status),
        criticality: text(c.criticality),
        ownerId: text(c.ownerId),
        consumerIds: list(c.consumerIds),
        providerId: text(c.providerId),
        tags: list(c.tags),
        sla:
          c.availabilityTarget || c.supportHours || c.indicators
            ? strip({
                availabilityTarget: num(c.availabilityTarget),
                supportHours: text(c.supportHours),
                responseMinutes: num(c.responseMinutes),
                resolutionMinutes: num(c.resolutionMinutes),
                indicators: json(c.indicators),
              })
            : undefined,
      });
    case 'dependencies':
      return strip({
        fromId: c.fromId,
        toId: c.toId,
        kind: text(c.kind),
        strength: text(c.strength),
      });
    case 'changeRequests':
      return strip({
        id: text(c.id),
        title: c.title,
        description: text(c.description),
        type: text(c.type),
        risk: text(c.risk),
        status: text(c.status),
        plannedStart: text(c.plannedStart),
        plannedEnd: text(c.plannedEnd),
        targets: targetsOf(c.targets),
        implementationPlan: text(c.implementationPlan),
        backoutPlan: text(c.backoutPlan),
        implementerId: text(c.implementerId),
        knownErrorIds: list(c.knownErrorIds),
        requestedBy: text(c.requestedBy),
      });
    case 'contracts':
      return strip({
        id: text(c.id),
        name: c.name,
        supplierId: text(c.supplierId),
        parentId: text(c.parentId),
        serviceIds: list(c.serviceIds),
        start: text(c.start),
        end: text(c.end),
        value: num(c.value),
        currency: text(c.currency),
        phase: text(c.phase),
      });
    case 'slaMeasurements':
      return strip({
        serviceId: text(c.serviceId),
        indicator: text(c.indicator),
        period: text(c.period),
        value: num(c.value),
        note: text(c.note),
      });
    case 'blackoutWindows':
      return strip({
        id: text(c.id),
        name: c.name,
        start: text(c.start),
        end: text(c.end),
        serviceIds: list(c.serviceIds),
        reason: text(c.reason),
      });
  }
}

function readCsv(file: string, collection: keyof ImportDocument): Record<string, unknown>[] {
  return csvRecords(readFileSync(file, 'utf8'), file).map((record) =>
    fromCsvRow(collection, record),
  );
}

/**
 * Reads an import document: a JSON file in the mutation's input shape, a directory of CSV files
 * named as in CSV_FILES (any subset), or single CSV files named that way.
 */
export async function readDocument(paths: string[]): Promise<ImportDocument> {
  const doc: ImportDocument = {};
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const [collection, file] of Object.entries(CSV_FILES) as [
        keyof ImportDocument,
        string,
      ][]) {
        const f = path.join(p, file);
        if (existsSync(f))
          doc[collection] = [...(doc[collection] ?? []), ...readCsv(f, collection)];
      }
    } else if (p.endsWith('.json')) {
      const part = JSON.parse(readFileSync(p, 'utf8')) as ImportDocument;
      for (const key of Object.keys(CSV_FILES) as (keyof ImportDocument)[])
        if (part[key]) doc[key] = [...(doc[key] ?? []), ...part[key]!];
    } else {
      const collection = (Object.entries(CSV_FILES) as [keyof ImportDocument, string][]).find(
        ([, f]) => path.basename(p) === f,
      )?.[0];
      if (!collection)
        throw new Error(
          `${p}: a CSV file must be named one of ${Object.values(CSV_FILES).join(', ')}`,
        );
      doc[collection] = [...(doc[collection] ?? []), ...readCsv(p, collection)];
    }
  }
  return doc;
}
