import { pino } from 'pino';
import { baseMonday, seedChangesIfEmpty } from '../src/modules/change/seed.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
}, 180000);
afterAll(() => t.close());

describe('the demo change calendar', () => {
  it('loads a month of work through the workflow, once, and shows every kind of conflict', async () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const logger = pino({ level: 'silent' });
    const loaded = await seedChangesIfEmpty(t.app.executor, t.app.services, logger, now);
    expect(loaded).toBeGreaterThanOrEqual(10);
    expect(await seedChangesIfEmpty(t.app.executor, t.app.services, logger, now)).toBe(0);
    const base = baseMonday(now);
    expect(new Date(base).toISOString()).toBe('2026-12-06T16:00:00.000Z'); // Monday 7 December, 00:00 +08:00
    const from = new Date(base).toISOString();
    const to = new Date(base + 31 * 86400000).toISOString();
    const d = await t.ok(
      `query($from: DateTime!, $to: DateTime!) {
        changeConflicts(from: $from, to: $to) { kind changes { title } services { service { id } } }
        changeRequests(filter: { from: $from, to: $to }, first: 100) { totalCount edges { node { status type } } }
        blackoutWindows(from: $from, to: $to) { name }
      }`,
      { from, to },
    );
    expect(new Set(d.changeConflicts.map((c: any) => c.kind))).toEqual(
      new Set(['SAME_COMPONENT', 'COMBINED_IMPACT', 'BLACKOUT']),
    );
    const combined = d.changeConflicts.find((c: any) => c.kind === 'COMBINED_IMPACT');
    expect(combined.changes.map((c: any) => c.title).join()).toMatch(/内网核心交换机/);
    expect(d.changeRequests.totalCount).toBe(loaded);
    const statuses = new Set(d.changeRequests.edges.map((e: any) => e.node.status));
    expect(statuses).toEqual(new Set(['APPROVED', 'SUBMITTED', 'COMPLETED']));
    expect(d.blackoutWindows).toEqual([{ name: '两会保障封网期' }]);
  });
});
