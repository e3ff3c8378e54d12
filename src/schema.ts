import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from './paths.js';

/** The SDL of every schema/*.graphql file, in file-name order. */
export function loadTypeDefs(dir = fromRoot('schema')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}
