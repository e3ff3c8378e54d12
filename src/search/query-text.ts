/**
 * A search query split the way the two full-text indexes read text: runs of CJK characters (for
 * the bigram index), Latin words (for the stemming English index) and article numbers.
 */
export interface ParsedQuery {
  cjkRuns: string[];
  words: string[];
  numbers: string[];
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const NUMBER = /\bKE-?(\d{1,9})\b/giu;
const WORD = /[\p{L}\p{N}]+/gu;

/** The width of the zero-padded sequence in an article number: KE-000001. */
export const NUMBER_DIGITS = 6;

/** Formats a sequence value as an article number. */
export function articleNumber(sequence: number): string {
  return `KE-${String(sequence).padStart(NUMBER_DIGITS, '0')}`;
}

/** Splits a user's query into CJK runs, lower-cased Latin words and normalized article numbers. */
export function parseQuery(query: string): ParsedQuery {
  const numbers = [...query.matchAll(NUMBER)].map((m) => articleNumber(Number(m[1])));
  const rest = query.replace(NUMBER, ' ');
  const cjkRuns = [...new Set(rest.match(CJK_RUN) ?? [])];
  const words = [
    ...new Set((rest.replace(CJK_RUN, ' ').match(WORD) ?? []).map((w) => w.toLowerCase())),
  ];
  return { cjkRuns, words, numbers: [...new Set(numbers)] };
}

/**
 * Lucene query strings for the two indexes. `all` requires every CJK run (as a phrase: the whole
 * word, contained anywhere) and every word (by stem); `any` asks for CJK runs both as a boosted
 * phrase and as their bigrams, and OR-s the words, so a sentence still finds articles sharing part
 * of it. Only letters and digits reach Lucene, so no query syntax from the user can.
 */
export function luceneQueries(
  parsed: ParsedQuery,
  mode: 'all' | 'any' = 'any',
): { cjkQuery: string; enQuery: string } {
  if (mode === 'all') {
    return {
      cjkQuery: parsed.cjkRuns.map((run) => `+"${run}"`).join(' '),
      enQuery: parsed.words.map((w) => `+${w}`).join(' '),
    };
  }
  const cjkQuery = parsed.cjkRuns
    .map((run) => (run.length > 1 ? `"${run}"^2 ${run}` : run))
    .join(' ');
  return { cjkQuery, enQuery: parsed.words.join(' ') };
}
