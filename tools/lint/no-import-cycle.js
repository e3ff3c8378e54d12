// An ESLint rule that fails on any import cycle between the project's own modules, type imports
// included (eslint-plugin-import's no-cycle skips those): `import type` ties modules together for
// a reader as much as a value import does. Imports are read with TypeScript's preProcessFile, which
// sees every import, export-from and dynamic import(); relative specifiers resolve to .ts/.tsx
// files the way NodeNext does for this project (`./x.js` → `./x.ts`).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** @type {Map<string, string[]>} resolved relative imports of each file, read once per lint run */
const importsOf = new Map();

/** @param {string} from @param {string} specifier @returns {string | undefined} */
function resolve(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  for (const candidate of [
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    base,
    path.join(base, 'index.ts'),
  ]) {
    if (/\.(ts|tsx|mts|js|mjs)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** @param {string} file @returns {string[]} */
function importsFrom(file) {
  let list = importsOf.get(file);
  if (!list) {
    const text = readFileSync(file, 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    list = [
      ...new Set(
        importedFiles.map((f) => resolve(file, f.fileName)).filter((f) => f !== undefined),
      ),
    ];
    importsOf.set(file, list);
  }
  return list;
}

/**
 * A shortest import path from `start` back to `target`, or undefined when there is none.
 * @param {string} start @param {string} target @returns {string[] | undefined}
 */
function pathBack(start, target) {
  /** @type {Map<string, string | null>} */
  const parent = new Map([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    for (const next of importsFrom(file)) {
      if (next === target) {
        const chain = [file];
        for (let p = parent.get(file); p; p = parent.get(p)) chain.unshift(p);
        return chain;
      }
      if (parent.has(next)) continue;
      parent.set(next, file);
      queue.push(next);
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'disallow import cycles between modules, type imports included' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    /** @param {import('estree').Node & { source?: import('estree').Literal | null }} node */
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const target = resolve(file, specifier);
      if (!target) return;
      const back = pathBack(target, file);
      if (!back) return;
      const shown = [file, ...back, file].map((f) => path.relative(root, f)).join(' → ');
      context.report({ node, message: `import cycle: ${shown}` });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
