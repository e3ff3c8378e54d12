import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportGraph, restoreGraph } from '../src/modules/backup/backup.js';
import pino from 'pino';
import { seedChangesIfEmpty } from '../src/modules/change/seed.js';
import { loadArticles, type SeedArticle } from '../src/modules/knowledge/seed.js';
import { seedMeasurementsIfEmpty } from '../src/modules/supply/seed.js';
import { factories } from './support/factories.js';
import { callerOf, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
const dir = mkdtempSync(path.join(tmpdir(), 'cmdb-export-'));
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
  const seed = JSON.parse(readFileSync('seed/known-errors.json', 'utf8')) as SeedArticle[];
  await loadArticles(t.app.services, seed.slice(0, 12));
  // An edit, so that an article has two revisions and the history has an UPDATE.
  const a = (await t.ok(`{ knownErrors(first: 1) { edges { node { id version } } } }`)).knownErrors
    .edges[0].node;
  await t.ok(
    `mutation($id: ID!, $v: Int!) { updateKnownError(id: $id, expectedVersion: $v, input: { cause: "查明" }, changeNote: "补充") { id } }`,
    { id: a.id, v: a.version },
  );
  // The change calendar and the SLA ledger are part of the graph too.
  await seedChangesIfEmpty(t.app.executor, t.app.services, pino({ level: 'silent' }));
  await seedMeasurementsIfEmpty(t.app.executor, t.app.services, pino({ level: 'silent' }));
}, 180000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An export in an order-free form: node lines by content, relationships by their ends' content. */
function canonical(file: string) {
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const [header, ...rest] = lines;
  const nodes = new Map<number, string>();
  for (const l of rest)
    if (l.n) nodes.set(l.n.k, JSON.stringify([l.n.labels, sortKeys(l.n.props)]));
  const rels = rest
    .filter((l) => l.r)
    .map((l) =>
      JSON.stringify([l.r.type, nodes.get(l.r.from), nodes.get(l.r.to), sortKeys(l.r.props)]),
    )
    .sort();
  return { header, nodes: [...nodes.values()].sort(), rels };
}
const sortKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

describe('export and restore', () => {
  it('round-trips the whole graph exactly, history and revisions included', async () => {
    const first = path.join(dir, 'first.jsonl');
    const exported = await exportGraph(t.app.executor, first);
    expect(exported.nodes).toBeGreaterThan(500);
    const before = canonical(first);
    expect(before.header).toMatchObject({ format: 'egov-cmdb-export', version: 1 });
    expect(before.nodes.some((n) => n.includes('KnownErrorRevision'))).toBe(true);
    expect(before.nodes.some((n) => n.includes('ChangeRecord'))).toBe(true);
    for (const label of ['ChangeRequest', 'BlackoutWindow', 'Contract', 'SlaMeasurement'])
      expect([label, before.nodes.some((n) => n.includes(`"${label}"`))]).toEqual([label, true]);
    expect(before.rels.some((r) => r.startsWith('["SUBCONTRACT_OF"'))).toBe(true);
    expect(before.rels.some((r) => r.startsWith('["TARGETS"'))).toBe(true);

    const refused = restoreGraph(t.app.executor, first, { replace: false });
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });

    await t.reset();
    const restored = await restoreGraph(t.app.executor, first, { replace: true });
    expect(restored).toEqual(exported);
    const second = path.join(dir, 'second.jsonl');
    await exportGraph(t.app.executor, second);
    const after = canonical(second);
    // The topology version is bumped by a restore: everything else is identical.
    const withoutVersion = (xs: string[]) => xs.filter((x) => !x.includes('TopologyVersion'));
    expect(withoutVersion(after.nodes)).toEqual(withoutVersion(before.nodes));
    expect(after.rels).toEqual(before.rels);

    // The restored service works: numbers continue, history reads, search finds.
    const ke = await t.ok(
      `mutation { createKnownError(input: { title: "恢复后新建", symptoms: "s" }) { number } }`,
    );
    expect(Number(ke.createKnownError.number.slice(3))).toBe(13);
    const hit = await t.ok(`{ searchKnowledge(query: "打印机") { totalHits } }`);
    expect(hit.searchKnowledge.totalHits).toBeGreaterThan(0);
    const r = await t.ok(
      `{ impactAnalysis(input: { failed: ["core-ext-1", "core-ext-2"] }) { summary { servicesDown } } }`,
    );
    expect(r.impactAnalysis.summary.servicesDown).toBeGreaterThan(3);
  }, 240000);

  it('never takes an in-memory topology from before a restore for the restored one', async () => {
    const { impact } = t.app.services;
    const dependentsOf = async (id: string) =>
      (
        await impact.analyze(callerOf(t.app, { id: 'test', roles: ['ADMIN'] }), { failed: [id] })
      ).impacts.map((i) => i.subjectId);
    const file = path.join(dir, 'before-edge.jsonl');
    await exportGraph(t.app.executor, file);
    // One write after the export, and a copy that holds it: its version is the export's + 1,
    // which is what a restore that only bumped the restored version would also reach.
    await factories(t).dependency('printer-14', 'printer-13', 'CONNECTS_TO');
    await impact.topologyIndex!.rebuild();
    expect(await dependentsOf('printer-13')).toContain('printer-14');
    await restoreGraph(t.app.executor, file, { replace: true });
    expect(await dependentsOf('printer-13')).toEqual(['printer-13']);
    await impact.topologyIndex!.rebuild();
    expect(await dependentsOf('printer-13')).toEqual(['printer-13']);
  }, 240000);

  it('refuses a file of another format, and labels outside the allow-list', async () => {
    const alien = path.join(dir, 'alien.jsonl');
    writeFileSync(alien, `${JSON.stringify({ format: 'other', version: 1 })}\n`);
    await expect(restoreGraph(t.app.executor, alien, { replace: true })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const hostile = path.join(dir, 'hostile.jsonl');
    writeFileSync(
      hostile,
      [
        { format: 'egov-cmdb-export', version: 1, exportedAt: '', migrations: [] },
        { n: { k: 0, labels: ['Entity', 'Admin`) DETACH DELETE n //'], props: { id: 'x' } } },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    await expect(restoreGraph(t.app.executor, hostile, { replace: true })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
