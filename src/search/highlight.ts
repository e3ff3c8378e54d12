import { indexedStem } from './stem.js';
import type { ParsedQuery } from './query-text.js';

export { indexedStem };

/** The fields a hit can be highlighted in, in the order highlights are listed. */
export const HIGHLIGHT_FIELDS = [
  'number',
  'title',
  'symptoms',
  'cause',
  'workaround',
  'resolution',
  'tags',
] as const;

const SNIPPET_LENGTH = 160;
const LEAD = 40;

/** The Latin words of a text (digits included), as the standard tokenizer splits them. */
const LATIN_WORDS = /[\p{Script=Latin}\p{N}]+(?:['’][\p{Script=Latin}]+)*/gu;

/** What marks passages of a text: a pattern, or a function giving the [start, end) ranges. */
export type Marker = RegExp | ((text: string) => [number, number][]);

const rangesOf = (text: string, marker: Marker): [number, number][] =>
  typeof marker === 'function'
    ? marker(text)
    : [...text.matchAll(marker)].map((m): [number, number] => [m.index, m.index + m[0].length]);

/** Marks every word of a text whose indexed stem is one of `stems`. */
function stemMarker(stems: Set<string>): Marker {
  return (text) =>
    [...text.matchAll(LATIN_WORDS)]
      .filter((m) => stems.has(indexedStem(m[0])))
      .map((m): [number, number] => [m.index, m.index + m[0].length]);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The patterns that mark matches: numbers, word stems, and for each CJK run the whole run, or,
 * in a text that does not contain it whole, its bigrams (what the bigram index matched).
 */
function patterns(parsed: ParsedQuery): { exact: Marker; fallback?: Marker }[] {
  const out: { exact: Marker; fallback?: Marker }[] = [];
  for (const n of parsed.numbers) out.push({ exact: new RegExp(escapeRegExp(n), 'giu') });
  for (const run of parsed.cjkRuns) {
    const grams =
      run.length > 2 ? Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2)) : [];
    out.push({
      exact: new RegExp(escapeRegExp(run), 'gu'),
      fallback: grams.length > 0 ? new RegExp(grams.map(escapeRegExp).join('|'), 'gu') : undefined,
    });
  }
  for (const phrase of parsed.phrases ?? [])
    out.push({ exact: new RegExp(escapeRegExp(phrase), 'gu') });
  if (parsed.words.length > 0)
    out.push({ exact: stemMarker(new Set(parsed.words.map(indexedStem))) });
  return out;
}

/** Marks the matched passages of one text; null when nothing in it matches. */
export function snippet(text: string, markers: Marker[]): string | null {
  const ranges = markers.flatMap((m) => rangesOf(text, m));
  if (ranges.length === 0) return null;
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const start = text.length <= SNIPPET_LENGTH ? 0 : Math.max(0, merged[0]![0] - LEAD);
  const end = Math.min(text.length, start + SNIPPET_LENGTH);
  let out = start > 0 ? '…' : '';
  let at = start;
  // Stored text is escaped piece by piece: the only live markup is the server's own <em>.
  for (const [from, to] of merged) {
    if (from >= end) break;
    out +=
      escapeHtml(text.slice(at, from)) +
      '<em>' +
      escapeHtml(text.slice(from, Math.min(to, end))) +
      '</em>';
    at = Math.min(to, end);
  }
  return out + escapeHtml(text.slice(at, end)) + (end < text.length ? '…' : '');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML: `&`, `<`, `>` and both quotes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The marks the Meilisearch engine asks for around matches: non-characters, which no stored text holds. */
export const MATCH_OPEN = '\uFDD0';
export const MATCH_CLOSE = '\uFDD1';

/** A snippet marked with MATCH_OPEN/MATCH_CLOSE as escaped HTML with the server's own `<em>`. */
export function markedToHtml(marked: string): string {
  return escapeHtml(marked).replaceAll(MATCH_OPEN, '<em>').replaceAll(MATCH_CLOSE, '</em>');
}

/** Highlights of an article for a query: one snippet per field that matches. */
export function highlights(
  fields: Record<(typeof HIGHLIGHT_FIELDS)[number], string | null>,
  parsed: ParsedQuery,
): { field: string; snippet: string }[] {
  const regexps = patterns(parsed);
  const out: { field: string; snippet: string }[] = [];
  for (const field of HIGHLIGHT_FIELDS) {
    const text = fields[field];
    if (!text) continue;
    const marked = snippet(
      text,
      regexps.flatMap((p) =>
        p.fallback && rangesOf(text, p.exact).length === 0 ? [p.fallback] : [p.exact],
      ),
    );
    if (marked !== null) out.push({ field, snippet: marked });
  }
  return out;
}
