/**
 * The breaking-change check of schema/ (npm run lint): compares the SDL with the one of the last
 * release tag (`v*`) and fails on any change that breaks a client (graphql-js findBreakingChanges:
 * a removed type or field, a changed argument, a new required input, …). Without a release tag
 * there is nothing to compare, and it says so.
 */
import { execFileSync } from 'node:child_process';
import { buildSchema, findBreakingChanges } from 'graphql';
import { loadTypeDefs } from '../../src/schema.js';

const git = (...args: string[]) =>
  execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

let tag: string;
try {
  tag = git('describe', '--tags', '--abbrev=0', '--match', 'v*');
} catch {
  console.log('schema check: no release tag (v*) yet, nothing to compare against');
  process.exit(0);
}
const files = git('ls-tree', '--name-only', `${tag}:schema`)
  .split('\n')
  .filter((f) => f.endsWith('.graphql'));
const released = buildSchema(files.map((f) => git('show', `${tag}:schema/${f}`)).join('\n'));
const current = buildSchema(loadTypeDefs().join('\n'));
const breaking = findBreakingChanges(released, current);
if (breaking.length > 0) {
  console.error(`schema check: ${breaking.length} breaking change(s) since ${tag}:`);
  for (const b of breaking) console.error(`  ${b.type}: ${b.description}`);
  process.exit(1);
}
console.log(`schema check: no breaking change since ${tag}`);
