import { indexedStem } from './stem.js';

/**
 * A search query split the way the two full-text indexes read text: runs of CJK characters (for
 * the bigram index), Latin words (for the stemming English index) and article numbers.
 */
export interface ParsedQuery {
  cjkRuns: string[];
  words: string[];
  numbers: string[];
  /** Chinese terms marked only where they stand whole (a query's synonyms, for highlights). */
  phrases?: string[];
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

/** What the operations vocabulary adds to a query (synonyms.ts). */
export interface Expansion {
  /**
   * Each CJK run that holds a vocabulary term, as the clauses it requires: its other parts as they
   * are and the term as any of its synonyms (服务器死机 → 服务器 and one of 宕机, 死机, 挂了).
   */
  runClauses: Map<string, string[][]>;
  /** Each word's English synonyms. */
  wordVariants: Map<string, string[]>;
  /** Each word's Chinese synonyms (searched in the bigram index). */
  wordCjk: Map<string, string[]>;
  /** Each CJK run's English synonyms of its terms (searched in the English index, any mode). */
  runEnglish: Map<string, string[]>;
}

export const NO_EXPANSION: Expansion = {
  runClauses: new Map(),
  wordVariants: new Map(),
  wordCjk: new Map(),
  runEnglish: new Map(),
};

/** At most this many synonyms of one word. */
const MAX_VARIANTS = 12;

const isCjk = (term: string) => /^[\p{Script=Han}]+$/u.test(term);

/**
 * A run's clauses: split around the longest vocabulary term it holds (then its parts in turn), each
 * term replaced by its Chinese synonyms; parts of one character are dropped (a particle like 了
 * says little). A run with no term gives no clauses.
 */
function runClauses(run: string, groups: readonly string[][]): string[][] {
  let best: { term: string; group: string[] } | undefined;
  for (const group of groups)
    for (const term of group)
      if (isCjk(term) && run.includes(term) && term.length > (best?.term.length ?? 0))
        best = { term, group };
  if (!best) return [];
  const at = run.indexOf(best.term);
  const part = (text: string): string[][] => {
    if (text.length < 2) return [];
    const inner = runClauses(text, groups);
    return inner.length > 0 ? inner : [[text]];
  };
  return [
    ...part(run.slice(0, at)),
    best.group.filter(isCjk).slice(0, MAX_VARIANTS),
    ...part(run.slice(at + best.term.length)),
  ];
}

/** The synonyms of a parsed query's runs and words, from the vocabulary's `groups`. */
export function expandQuery(parsed: ParsedQuery, groups: readonly string[][]): Expansion {
  const out: Expansion = {
    runClauses: new Map(),
    wordVariants: new Map(),
    wordCjk: new Map(),
    runEnglish: new Map(),
  };
  for (const run of parsed.cjkRuns) {
    const clauses = runClauses(run, groups);
    if (clauses.length > 0) out.runClauses.set(run, clauses);
    const english = groups
      .filter((g) => g.some((t) => isCjk(t) && run.includes(t)))
      .flatMap((g) => g.filter((t) => /^[a-z0-9]+$/.test(t)));
    if (english.length > 0) out.runEnglish.set(run, [...new Set(english)].slice(0, MAX_VARIANTS));
  }
  const add = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key) ?? [];
    if (value !== key && !list.includes(value) && list.length < MAX_VARIANTS) list.push(value);
    if (list.length > 0) map.set(key, list);
  };
  for (const word of parsed.words)
    for (const group of groups.filter((g) => g.includes(word)))
      for (const other of group)
        if (isCjk(other)) add(out.wordCjk, word, other);
        else if (/^[\p{L}\p{N}]+$/u.test(other)) add(out.wordVariants, word, other);
  return out;
}

/** The terms a highlight marks: the query's own and their synonyms. */
export function withVariants(parsed: ParsedQuery, x: Expansion): ParsedQuery {
  return {
    cjkRuns: parsed.cjkRuns,
    words: [...new Set([...parsed.words, ...[...x.wordVariants.values()].flat()])],
    numbers: parsed.numbers,
    phrases: [
      ...new Set([...[...x.runClauses.values()].flat(2), ...[...x.wordCjk.values()].flat()]),
    ],
  };
}

/**
 * Words this long or longer match one edit away in the last pass (typo tolerance): only when
 * neither the every-word nor the any-word pass found anything. Measured on the relevance sets,
 * fuzzy terms in the any-word pass itself cost recall (one-edit neighbours of short stems are
 * other words) and no clean query needs them (bench/RESULTS.md).
 */
export const FUZZY_MIN_LENGTH = 5;

/**
 * A word's typo-tolerant form: its stem (what the index holds: a fuzzy term is not stemmed by
 * the query parser) within one edit, for alphabetic words of FUZZY_MIN_LENGTH letters or more.
 */
const fuzzy = (word: string): string[] =>
  word.length >= FUZZY_MIN_LENGTH && /^[a-z]+$/.test(word) ? [`${indexedStem(word)}~1`] : [];

/**
 * Lucene query strings for the two indexes. `all` requires every CJK run (as a phrase: the whole
 * word, contained anywhere; a run that holds a vocabulary term, its parts and one of the term's
 * synonyms) and every word (by stem, or one of its synonyms); `any` asks for CJK runs both as a
 * boosted phrase and as their bigrams, the synonyms of their terms as phrases, and OR-s the words and
 * their synonyms, so a sentence still finds articles sharing part of
 * it. A query with no Chinese also asks the bigram index for its words' Chinese synonyms. Only
 * letters and digits reach Lucene, so no query syntax from the user can.
 */
export function luceneQueries(
  parsed: ParsedQuery,
  mode: 'all' | 'any' | 'fuzzy' = 'any',
  x: Expansion = NO_EXPANSION,
): { cjkQuery: string; enQuery: string } {
  const phrases = (terms: string[]) => terms.map((t) => `"${t}"`).join(' ');
  // An English query asks the bigram index too only when every word has Chinese synonyms: the two
  // indexes' hits are united, so one word's synonyms alone would stand for the whole query.
  const crossCjk =
    parsed.cjkRuns.length === 0 && parsed.words.every((w) => x.wordCjk.has(w))
      ? [...x.wordCjk.values()]
      : [];
  if (mode === 'all') {
    return {
      cjkQuery: [
        ...parsed.cjkRuns.flatMap((run) =>
          (x.runClauses.get(run) ?? [[run]]).map((clause) => `+(${phrases(clause)})`),
        ),
        ...crossCjk.map((terms) => `+(${phrases(terms)})`),
      ].join(' '),
      enQuery: parsed.words
        .map((w) => `+(${[w, ...(x.wordVariants.get(w) ?? [])].join(' ')})`)
        .join(' '),
    };
  }
  const cjkQuery = [
    ...parsed.cjkRuns.map((run) => {
      const own = run.length > 1 ? `"${run}"^2 ${run}` : run;
      const terms = (x.runClauses.get(run) ?? []).filter((c) => c.length > 1).flat();
      return terms.length ? `${own} ${phrases(terms)}` : own;
    }),
    ...[...x.wordCjk.values()].map(phrases),
  ].join(' ');
  const runEnglish = [...x.runEnglish.values()].flat();
  const enQuery = [
    ...new Set([
      ...parsed.words.flatMap((w) => [
        w,
        ...(x.wordVariants.get(w) ?? []),
        ...(mode === 'fuzzy' ? fuzzy(w) : []),
      ]),
      ...runEnglish,
    ]),
  ].join(' ');
  return { cjkQuery, enQuery };
}
