import { highlights, indexedStem, snippet } from './highlight.js';
import { articleNumber, expandQuery, luceneQueries, parseQuery } from './query-text.js';
import { meiliSynonyms, parseSynonyms, synonymGroups } from './synonyms.js';

describe('parseQuery', () => {
  it('splits Chinese runs, English words and article numbers', () => {
    expect(parseQuery('网络打印机 Printers offline ke-12 KE-000345')).toEqual({
      cjkRuns: ['网络打印机'],
      words: ['printers', 'offline'],
      numbers: ['KE-000012', 'KE-000345'],
    });
  });

  it('lets no Lucene syntax through', () => {
    const { cjkQuery, enQuery } = luceneQueries(parseQuery('title:(a OR b*) "x" 证书~ -y AND'));
    expect(enQuery).toBe('title a or b x y and');
    // The last pass adds the service's own fuzzy form of a long word's stem.
    expect(luceneQueries(parseQuery('certifcate expired'), 'fuzzy').enQuery).toBe(
      'certifcate certifc~1 expired expir~1',
    );
    expect(cjkQuery).toBe('"证书"^2 证书');
  });

  it('pads numbers', () => {
    expect(articleNumber(7)).toBe('KE-000007');
    expect(articleNumber(1234567)).toBe('KE-1234567');
  });
});

const EMPTY = {
  number: 'KE-000001',
  title: '',
  symptoms: null,
  cause: null,
  workaround: null,
  resolution: null,
  tags: null,
};

describe('highlights', () => {
  it('marks a contained Chinese word and an English stem', () => {
    const h = highlights(
      {
        number: 'KE-000001',
        title: '网络打印机无法连接',
        symptoms: 'Printers show offline',
        cause: null,
        workaround: null,
        resolution: null,
        tags: 'printer',
      },
      parseQuery('打印机 printers'),
    );
    expect(h).toEqual([
      { field: 'title', snippet: '网络<em>打印机</em>无法连接' },
      { field: 'symptoms', snippet: '<em>Printers</em> show offline' },
      { field: 'tags', snippet: '<em>printer</em>' },
    ]);
  });

  it("marks every word whose Porter stem is a query word's, as the English index matched it", () => {
    const marked = (query: string, text: string) =>
      highlights({ ...EMPTY, symptoms: text }, parseQuery(query))[0]?.snippet ?? null;
    expect(marked('connectivity', 'Lost connection to the DB; connectivity checks fail')).toBe(
      'Lost <em>connection</em> to the DB; <em>connectivity</em> checks fail',
    );
    expect(marked('stopped', 'The service stops; stopping it again')).toBe(
      'The service <em>stops</em>; <em>stopping</em> it again',
    );
    expect(marked('server', "the server's disk")).toBe('the <em>server&#39;s</em> disk');
    // A word that only starts like the stem is not one the index matched.
    expect(marked('connectivity', 'Connecticut office')).toBeNull();
    expect(indexedStem('Relational')).toBe('relat');
  });

  it('cuts long texts around the first match', () => {
    const text = `${'a '.repeat(100)}certificate expired ${'b '.repeat(100)}`;
    const s = snippet(text, [/certificate/giu])!;
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<em>certificate</em>');
    expect(s.length).toBeLessThan(200);
  });
});

describe('the operations vocabulary', () => {
  const groups = parseSynonyms(`# comment
宕机, 死机, 挂了, down
登录不上, 无法登录, login`);

  it('reads groups, and expands runs by replacing a term, and words by their synonyms', () => {
    expect(groups).toEqual([
      ['宕机', '死机', '挂了', 'down'],
      ['登录不上', '无法登录', 'login'],
    ]);
    const x = expandQuery(parseQuery('服务器死机 down'), groups);
    expect(x.runClauses.get('服务器死机')).toEqual([['服务器'], ['宕机', '死机', '挂了']]);
    expect(expandQuery(parseQuery('数据库挂了'), groups).runClauses.get('数据库挂了')).toEqual([
      ['数据库'],
      ['宕机', '死机', '挂了'],
    ]);
    expect(x.wordCjk.get('down')).toEqual(['宕机', '死机', '挂了']);
    expect(
      luceneQueries(parseQuery('服务器死机'), 'all', expandQuery(parseQuery('服务器死机'), groups)),
    ).toEqual({
      cjkQuery: '+("服务器") +("宕机" "死机" "挂了")',
      enQuery: '',
    });
    // A word alone also asks the bigram index for its Chinese synonyms.
    expect(
      luceneQueries(parseQuery('down'), 'all', expandQuery(parseQuery('down'), groups)),
    ).toEqual({
      cjkQuery: '+("宕机" "死机" "挂了")',
      enQuery: '+(down)',
    });
    expect(meiliSynonyms(groups)['死机']).toEqual(['宕机', '挂了', 'down']);
  });

  it('reads the repository list, each group with two terms or more', () => {
    const list = synonymGroups();
    expect(list.length).toBeGreaterThanOrEqual(10);
    expect(list.find((g) => g.includes('宕机'))).toEqual(
      expect.arrayContaining(['死机', '挂了', 'down']),
    );
  });
});
