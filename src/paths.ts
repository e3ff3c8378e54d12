import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The project's root (where package.json is), whether running from src/ or dist/src/. */
export function projectRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (dir !== path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'egov-cmdb')
      return (root = dir);
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the project root (package.json of egov-cmdb)');
}

/** A path below the project root. */
export function fromRoot(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}
