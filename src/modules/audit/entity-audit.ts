import { LINKS, type LinkType, type NormalizedEntity } from '../cmdb/specs.js';

/**
 * An entity's fields and links as one flat map, as its ChangeRecords show them: each link under
 * its input field (`ownerId`, `consumerIds`), so that a diff of two shapes names what a client set.
 */
export function auditShape(e: NormalizedEntity): Record<string, unknown> {
  const links = Object.fromEntries(
    Object.entries(e.links).map(([t, ids]) => [
      LINKS[t as LinkType].field,
      t === 'CONSUMED_BY' ? ids : (ids?.[0] ?? null),
    ]),
  );
  return { ...e.fields, ...links };
}
