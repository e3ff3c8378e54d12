/**
 * The baseline the relevance tests compare the engines with: a plain BM25 (k1 1.2, b 0.75) over the
 * character bigrams of each article's text (its title, symptoms, cause, workaround, resolution and
 * tags, lower-cased; bigrams within runs of letters and digits, a lone character as itself).
 */
const RUN = /[\p{L}\p{N}]+/gu;

/** The character bigrams of a text. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.toLowerCase().matchAll(RUN)) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export class Bm25 {
  private readonly docs: { key: string; tf: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;

  constructor(
    documents: { key: string; text: string }[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = documents.map(({ key, text }) => {
      const terms = bigrams(text);
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return { key, tf, length: terms.length };
    });
    this.avgLength = this.docs.reduce((n, d) => n + d.length, 0) / Math.max(1, this.docs.length);
  }

  /** The keys of the documents that share a bigram with the query, best first. */
  rank(query: string): string[] {
    const n = this.docs.length;
    const terms = [...new Set(bigrams(query))];
    return this.docs
      .map((d) => {
        let score = 0;
        for (const t of terms) {
          const f = d.tf.get(t);
          if (!f) continue;
          const df = this.df.get(t)!;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          score +=
            (idf * f * (this.k1 + 1)) /
            (f + this.k1 * (1 - this.b + (this.b * d.length) / this.avgLength));
        }
        return { key: d.key, score };
      })
      .filter((d) => d.score > 0)
      .sort((x, y) => y.score - x.score || x.key.localeCompare(y.key))
      .map((d) => d.key);
  }
}
