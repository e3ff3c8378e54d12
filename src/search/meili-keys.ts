import { createHash } from 'node:crypto';
import { Meilisearch } from 'meilisearch';

/** What the service does on Meilisearch: its one index and the reindex's fresh twins, nothing else. */
export const SERVICE_KEY_ACTIONS = [
  'search',
  'documents.add',
  'documents.get',
  'documents.delete',
  'indexes.create',
  'indexes.get',
  'indexes.update',
  'indexes.delete',
  'indexes.swap',
  'settings.get',
  'settings.update',
  'tasks.get',
  'stats.get',
];

/** A UUID derived from the index name, so that the key of an index is always the same one. */
function keyUid(index: string): string {
  const h = createHash('sha256').update(`egov-cmdb:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Creates (or finds again) the scoped API key the service uses on Meilisearch: the actions above
 * on `index` and `index_*` (the reindex fills `index_<time>` and swaps it in). Needs the master
 * key, which stays with Meilisearch and the operator; the service is given the scoped key.
 */
export async function serviceKey(url: string, masterKey: string, index: string): Promise<string> {
  const client = new Meilisearch({ host: url, apiKey: masterKey });
  const uid = keyUid(index);
  try {
    return (await client.getKey(uid)).key;
  } catch {
    const created = await client.createKey({
      uid,
      name: `egov-cmdb ${index}`,
      description: 'The egov-cmdb service: its knowledge index and reindex twins only',
      actions: SERVICE_KEY_ACTIONS,
      indexes: [index, `${index}_*`],
      expiresAt: null,
    });
    return created.key;
  }
}
