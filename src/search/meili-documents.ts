import { meiliSynonyms, stopWordList, synonymGroups } from './synonyms.js';
import type { QueryRunner } from '../graph/executor.js';
import { entityStore } from '../graph/entity-store.js';
import type { KnownErrorLinks, KnownErrorModel } from '../modules/knowledge/models.js';
import { knowledgeRepository } from '../modules/knowledge/repository.js';

/** An article as a Meilisearch document: its text, status, tags and what it applies to. */
export type ArticleDocument = Pick<
  KnownErrorModel,
  'id' | 'number' | 'title' | 'symptoms' | 'cause' | 'workaround' | 'resolution' | 'tags' | 'status'
> &
  KnownErrorLinks & {
    /** Milliseconds since the epoch, sortable. */
    createdAt: number;
    updatedAt: number;
  };

/** The index settings of API.md's Meilisearch engine. */
export const INDEX_SETTINGS = {
  searchableAttributes: [
    'number',
    'title',
    'tags',
    'symptoms',
    'cause',
    'workaround',
    'resolution',
  ],
  filterableAttributes: ['status', 'tags', 'ciIds', 'serviceIds', 'classes'],
  sortableAttributes: ['createdAt', 'updatedAt', 'number'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  // Article numbers are matched whole, not typo-corrected into neighbours (KE-000012 ≠ KE-000013).
  typoTolerance: { disableOnAttributes: ['number'] },
  // The operations vocabulary (seed/synonyms.txt), set whenever the index is created or reindexed.
  synonyms: meiliSynonyms(synonymGroups()),
  // Function words (seed/stop-words.txt): a sentence's meaningful words are the ones matched.
  stopWords: stopWordList(),
};

/** Reads the current state of articles; a missing id maps to undefined (delete it). */
export async function readDocuments(
  tx: QueryRunner,
  ids: string[],
): Promise<(ArticleDocument | undefined)[]> {
  const entities = await entityStore.byIds(tx, ids);
  const links = await knowledgeRepository.links(tx, ids);
  return ids.map((id, i) => {
    const a = entities[i] as KnownErrorModel | undefined;
    if (!a || a.__typename !== 'KnownError') return undefined;
    const { number, title, symptoms, cause, workaround, resolution, tags, status } = a;
    return {
      id,
      number,
      title,
      symptoms,
      cause,
      workaround,
      resolution,
      tags,
      status,
      ...links[i]!,
      createdAt: Date.parse(a.createdAt),
      updatedAt: Date.parse(a.updatedAt),
    };
  });
}
