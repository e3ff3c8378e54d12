import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ALL_QUERIES } from '../main.js';
import { fromRoot } from '../paths.js';

/** Every .ts file below `dir`, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sources(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The query names written in the code: whole string literals, so that grep finds each use. */
function namesInCode(): Set<string> {
  const domains = readdirSync(fromRoot('cypher')).filter((d) => d !== 'migrations');
  const literal = new RegExp(`'((?:${domains.join('|')})/[a-z0-9-]+)'`, 'g');
  const names = new Set<string>();
  for (const file of sources(fromRoot('src')))
    for (const m of readFileSync(file, 'utf8').matchAll(literal)) names.add(m[1]!);
  return names;
}

describe('named Cypher queries', () => {
  const files = readdirSync(fromRoot('cypher'))
    .filter((d) => d !== 'migrations')
    .flatMap((d) =>
      readdirSync(fromRoot('cypher', d)).map((f) => `${d}/${f.replace(/\.cypher$/, '')}`),
    );

  it('every name the code uses is checked at start and has its file', () => {
    const used = [...namesInCode()].sort();
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((n) => !ALL_QUERIES.includes(n))).toEqual([]);
    expect(used.filter((n) => !existsSync(fromRoot('cypher', `${n}.cypher`)))).toEqual([]);
  });

  it('every file is a query the service uses, and the start-up check names each one', () => {
    expect([...new Set(ALL_QUERIES)].sort()).toEqual([...files].sort());
    expect(files.filter((n) => !namesInCode().has(n))).toEqual([]);
  });

  it('no query name is built from a template string', () => {
    const built = sources(fromRoot('src')).filter((f) =>
      /\b(tx|executor)\.(run|read|write)\(\s*`/.test(readFileSync(f, 'utf8')),
    );
    expect(built).toEqual([]);
  });
});
