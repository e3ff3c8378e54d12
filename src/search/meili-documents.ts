import type { QueryRunner } from '../graph/executor.js';
import { cmdbRepository } from '../modules/cmdb/repository.js';
import type { KnownErrorModel } from '../modules/knowledge/models.js';
import { knowledgeRepository } from '../modules/knowledge/repository.js';

/** An article as a Meilisearch document: its text, status, tags and what it applies to. */
export interface ArticleDocument {
  id: string;
  number: string;
  title: string;
  symptoms: string;
  cause: string | null;
  workaround: string | null;
  resolution: string | null;
  tags: string[];
  status: string;
  ciIds: string[];
  serviceIds: string[];
  classes: string[];
  /** Milliseconds since the epoch, sortable. */
  createdAt: number;
  updatedAt: number;
}

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
};

/** Reads the current state of articles; a missing id maps to undefined (delete it). */
export async function readDocuments(
  tx: QueryRunner,
  ids: string[],
): Promise<(ArticleDocument | undefined)[]> {
  const entities = await cmdbRepository.entitiesByIds(tx, ids);
  const links = await knowledgeRepository.links(tx, ids);
  return ids.map((id, i) => {
    const a = entities[i] as KnownErrorModel | undefined;
    if (!a || a.__typename !== 'KnownError') return undefined;
    return {
      id: a.id,
      number: a.number,
      title: a.title,
      symptoms: a.symptoms,
      cause: a.cause,
      workaround: a.workaround,
      resolution: a.resolution,
      tags: a.tags,
      status: a.status,
      ciIds: links[i]!.ciIds,
      serviceIds: links[i]!.serviceIds,
      classes: links[i]!.classes,
      createdAt: Date.parse(a.createdAt),
      updatedAt: Date.parse(a.updatedAt),
    };
  });
}
