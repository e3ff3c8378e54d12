/**
 * The operator's command line (issue 24): progress as JSON lines when not on a terminal, Ctrl-C
 * between batches, the import's dry run (CLI and mutation) and `npm run status`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { factories } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t);
  dir = await mkdtemp(path.join(tmpdir(), 'cmdb-cli-'));
}, 120000);
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const testEnv = (extra: Record<string, string> = {}) => ({
  ...process.env,
  NEO4J_URI: process.env.TEST_NEO4J_URI,
  NEO4J_USER: process.env.TEST_NEO4J_USER,
  NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD,
  LOG_LEVEL: 'warn',
  ...extra,
});

/** Runs a CLI of src/cli; resolves with its exit code and output whatever the code. */
async function cli(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', `src/cli/${script}`, ...args],
      { env: testEnv(env), maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** What `npm run gen` wrote, by collection (the first test makes it). */
let gen: Record<string, number>;
const rowsOf = (g: Record<string, number>) =>
  g.orgUnits! + g.suppliers! + g.configurationItems! + g.services! + g.dependencies!;

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, any>);

describe('npm run import: progress and interruption', () => {
  it('reports each phase as JSON lines when not on a terminal, with its final counts', async () => {
    await t.reset();
    const estate = path.join(dir, 'estate');
    gen = JSON.parse((await cli('generate.ts', ['--cis', '1000', '--out', estate])).stdout);
    const { code, stdout, stderr } = await cli('import.ts', [estate], {
      PROGRESS_INTERVAL_MS: '20',
    });
    expect(code).toBe(0);
    const lines = jsonLines(stderr);
    const phases = [...new Set(lines.map((l) => l.phase))];
    expect(phases.slice(0, 2)).toEqual(['read', 'validate']);
    for (const p of phases) {
      const of = lines.filter((l) => l.phase === p);
      expect([p, of[0]!.state, of.at(-1)!.state]).toEqual([p, 'start', 'end']);
      const end = of.at(-1)!;
      // Every unit counted is committed (or read), and a finished phase did all of it.
      expect([p, end.done]).toEqual([p, end.total ?? end.done]);
      for (const l of of)
        expect(l).toEqual(
          expect.objectContaining({ rate: expect.any(Number), seconds: expect.any(Number) }),
        );
    }
    const rows = rowsOf(gen);
    const endOf = (name: string) => lines.find((l) => l.phase === name && l.state === 'end');
    const total = (name: string) => endOf(name)?.total;
    expect(endOf('read')?.done).toBe(rows);
    expect(total('validate')).toBe(rows);
    expect(total('create configurationItems')).toBe(gen.configurationItems);
    expect(total('create services')).toBe(gen.services);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({
      created: rows,
      updated: 0,
      unchanged: 0,
    });
    // --quiet: nothing but the result.
    const quiet = await cli('import.ts', ['--quiet', estate]);
    expect(jsonLines(quiet.stderr)).toEqual([]);
    expect(JSON.parse(quiet.stdout.trim())).toMatchObject({ created: 0, unchanged: rows });
  }, 240000);

  it('stops between batches on Ctrl-C, says what it committed, and running it again completes it', async () => {
    await t.reset();
    const estate = path.join(dir, 'estate');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', estate], {
      env: testEnv({ IMPORT_BATCH_SIZE: '50', PROGRESS_INTERVAL_MS: '100000' }),
    });
    let stderr = '';
    let stdout = '';
    let signalled = false;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (!signalled && stderr.includes('"phase":"create configurationItems","state":"start"')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect([code, stdout]).toEqual([130, '']);
    expect(stderr).toMatch(
      /interrupted between batches: committed .*create configurationItems \d+\/\d+/,
    );
    expect(stderr).toContain('run the same import again to complete it');
    const committed = Number(/create configurationItems (\d+)\//.exec(stderr)![1]);
    expect((await f.counts()).cis).toBe(committed);
    const again = JSON.parse((await cli('import.ts', ['--quiet', estate])).stdout.trim());
    expect(again.unchanged).toBeGreaterThanOrEqual(committed);
    expect(again.created + again.updated + again.unchanged).toBe(rowsOf(gen));
    expect((await f.counts()).cis).toBe(gen.configurationItems);
  }, 240000);
});
