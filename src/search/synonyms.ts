/**
 * The operations vocabulary (seed/synonyms.txt): groups of words that mean the same to the people
 * who search (宕机, 死机, 挂了, down). The Neo4j engine expands a query with them (query-text.ts); the
 * Meilisearch engine gets them as its synonyms.
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../paths.js';

/** The groups of a synonym file: one per line, terms separated by commas, `#` comments. */
export function parseSynonyms(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => [
      ...new Set(
        line
          .split(/[,，]/)
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .filter((group) => group.length > 1);
}

let loaded: string[][] | undefined;

/** The repository's list, read once. */
export function synonymGroups(): string[][] {
  loaded ??= parseSynonyms(readFileSync(fromRoot('seed', 'synonyms.txt'), 'utf8'));
  return loaded;
}

let stopWords: string[] | undefined;

/** The Meilisearch engine's stop words (seed/stop-words.txt), read once. */
export function stopWordList(): string[] {
  stopWords ??= readFileSync(fromRoot('seed', 'stop-words.txt'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
    .filter(Boolean);
  return stopWords;
}

/** Meilisearch's form: each term mapped to the others of its groups. */
export function meiliSynonyms(groups: string[][]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const group of groups)
    for (const term of group) {
      out[term] ??= new Set();
      for (const other of group) if (other !== term) out[term].add(other);
    }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}
