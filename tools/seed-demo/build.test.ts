import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../src/paths.js';

describe('the demo seed builder', () => {
  it('reproduces seed/demo-cmdb.json byte for byte', () => {
    const built = execFileSync(
      process.execPath,
      ['--import', 'tsx', fromRoot('tools', 'seed-demo', 'build.ts')],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 },
    );
    expect(built === readFileSync(fromRoot('seed', 'demo-cmdb.json'), 'utf8')).toBe(true);
  });
});
