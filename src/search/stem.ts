import { stemmer } from 'stemmer';

/**
 * A word as the English full-text index keeps it: lower-cased, the possessive `'s` dropped, then
 * Porter's stem (the `stemmer` package implements the algorithm Lucene's PorterStemFilter does,
 * which the index's English analyzer applies).
 */
export function indexedStem(word: string): string {
  return stemmer(word.toLowerCase().replace(/['’]s$/u, ''));
}
