import { errorOf } from './support/factories.js';
import { startTokenApp, type TokenApp } from './support/token-app.js';

const PEOPLE: Record<string, string[]> = {
  eng1: ['ENGINEER'],
  eng2: ['ENGINEER'],
  cmdb1: ['CMDB_ADMIN'],
  cm1: ['CHANGE_MANAGER'],
  engcm: ['ENGINEER', 'CHANGE_MANAGER'],
  admin1: ['ADMIN'],
  viewer: ['VIEWER'],
};

let app: TokenApp;
beforeAll(async () => {
  app = await startTokenApp(PEOPLE);
  await app.t.loadDemo();
}, 180000);
afterAll(() => app.close());

const FIELDS = `id number version status type approvedBy approverOverride conflictsOverridden
  actualStart actualEnd outcome reason requestedBy targets { component { id } effect }`;
const CREATE = `mutation($i: CreateChangeRequestInput!) { createChangeRequest(input: $i) { ${FIELDS} } }`;
const step = (name: string, extra = '') =>
  `mutation($id: ID!, $v: Int!) { ${name}(id: $id, expectedVersion: $v${extra}) { ${FIELDS} } }`;
const CONFLICTS = `conflicts { kind start end changes { id } services { service { id } stateAlone stateCombined } blackoutWindows { name } }`;

const as = (who: string, query: string, variables?: Record<string, unknown>) =>
  app.as(who, query, variables);
const ok = (who: string, query: string, variables?: Record<string, unknown>) =>
  app.ok(who, query, variables);

/** A change of `who` on `targets` over [start, start + hours). */
const draft = (
  who: string,
  start: string,
  hours: number,
  targets: [string, string][],
  type = 'NORMAL',
  title = `变更 ${start}`,
) =>
  ok(who, CREATE, {
    i: {
      title,
      type,
      risk: 'MEDIUM',
      plannedStart: start,
      plannedEnd: new Date(Date.parse(start) + hours * 3600000).toISOString(),
      targets: targets.map(([componentId, effect]) => ({ componentId, effect })),
      implementationPlan: '按计划实施',
      backoutPlan: '回退到原版本',
    },
  });
const submit = (who: string, c: any) =>
  ok(who, step('submitChangeRequest'), { id: c.id, v: c.version });

describe('change requests', () => {
  it('runs the whole workflow by role, numbering each change and recording every step', async () => {
    let c = await draft('eng1', '2027-03-01T14:00:00Z', 2, [['printer-13', 'DOWN']]);
    expect(c).toMatchObject({ status: 'DRAFT', version: 1, requestedBy: 'eng1' });
    expect(c.number).toMatch(/^CHG-\d{6}$/);
    // Only its requester submits it; a viewer or a change manager creates none.
    expect(errorOf(await as('eng2', step('submitChangeRequest'), { id: c.id, v: 1 })).code).toBe(
      'FORBIDDEN',
    );
    const asViewer = await as('viewer', CREATE, {
      i: {
        title: 'x',
        type: 'NORMAL',
        risk: 'LOW',
        plannedStart: '2027-03-01T00:00:00Z',
        plannedEnd: '2027-03-01T01:00:00Z',
        targets: [{ componentId: 'printer-13', effect: 'NONE' }],
      },
    });
    expect(errorOf(asViewer).code).toBe('FORBIDDEN');
    c = await submit('eng1', c);
    expect(c.status).toBe('SUBMITTED');
    // Engineers do not approve; a change manager does.
    expect(
      errorOf(await as('eng1', step('approveChangeRequest'), { id: c.id, v: c.version })).code,
    ).toBe('FORBIDDEN');
    c = await ok('cm1', step('approveChangeRequest'), { id: c.id, v: c.version });
    expect(c).toMatchObject({ status: 'APPROVED', approvedBy: 'cm1', approverOverride: false });
    // Out of order: INVALID_TRANSITION; a stale version: CONFLICT.
    const early = await as('eng1', step('completeChangeRequest', ', outcome: SUCCESSFUL'), {
      id: c.id,
      v: c.version,
    });
    expect(errorOf(early).code).toBe('INVALID_TRANSITION');
    expect(errorOf(await as('eng1', step('startChangeRequest'), { id: c.id, v: 1 })).code).toBe(
      'CONFLICT',
    );
    c = await ok('eng1', step('startChangeRequest'), { id: c.id, v: c.version });
    expect(c.status).toBe('IN_PROGRESS');
    expect(c.actualStart).toBeTruthy();
    c = await ok('eng1', step('completeChangeRequest', ', outcome: SUCCESSFUL'), {
      id: c.id,
      v: c.version,
    });
    expect(c).toMatchObject({ status: 'COMPLETED', outcome: 'SUCCESSFUL' });
    const h = await ok(
      'viewer',
      `query($id: ID!) { changeRequest(id: $id) { history { edges { node { action actor } } } } }`,
      { id: c.id },
    );
    expect(h.history.edges.map((e: any) => [e.node.action, e.node.actor])).toEqual([
      ['TRANSITION', 'eng1'],
      ['TRANSITION', 'eng1'],
      ['TRANSITION', 'cm1'],
      ['TRANSITION', 'eng1'],
      ['CREATE', 'eng1'],
    ]);
    expect(
      (
        await ok('viewer', `query($n: String!) { changeRequest(number: $n) { id } }`, {
          n: c.number,
        })
      ).id,
    ).toBe(c.id);
  });

  it('keeps the approver apart from the requester, unless an ADMIN, on the record', async () => {
    let c = await draft('engcm', '2027-03-02T14:00:00Z', 1, [['printer-13', 'NONE']]);
    c = await submit('engcm', c);
    expect(
      errorOf(await as('engcm', step('approveChangeRequest'), { id: c.id, v: c.version })).code,
    ).toBe('FORBIDDEN');
    let own = await draft('admin1', '2027-03-02T16:00:00Z', 1, [['printer-13', 'NONE']]);
    own = await submit('admin1', own);
    own = await ok('admin1', step('approveChangeRequest'), { id: own.id, v: own.version });
    expect(own).toMatchObject({ status: 'APPROVED', approvedBy: 'admin1', approverOverride: true });
  });

  it('takes the standard path straight to APPROVED, and the emergency path to work before approval', async () => {
    const std = await submit(
      'eng1',
      await draft('eng1', '2027-03-03T02:00:00Z', 1, [['printer-14', 'NONE']], 'STANDARD'),
    );
    expect(std.status).toBe('APPROVED');
    let em = await submit(
      'cmdb1',
      await draft('cmdb1', '2027-03-03T05:00:00Z', 1, [['printer-15', 'DOWN']], 'EMERGENCY'),
    );
    expect(em.status).toBe('SUBMITTED');
    em = await ok('cmdb1', step('startChangeRequest'), { id: em.id, v: em.version });
    expect(em.status).toBe('IN_PROGRESS');
    em = await ok('cm1', step('approveChangeRequest'), { id: em.id, v: em.version });
    expect(em).toMatchObject({ status: 'IN_PROGRESS', approvedBy: 'cm1' });
    em = await ok('cmdb1', step('completeChangeRequest', ', outcome: BACKED_OUT'), {
      id: em.id,
      v: em.version,
    });
    expect(em.outcome).toBe('BACKED_OUT');
    // A normal change does not start before approval.
    const normal = await submit(
      'eng1',
      await draft('eng1', '2027-03-03T08:00:00Z', 1, [['printer-15', 'NONE']]),
    );
    expect(
      errorOf(await as('eng1', step('startChangeRequest'), { id: normal.id, v: normal.version }))
        .code,
    ).toBe('INVALID_TRANSITION');
    const cancelled = await ok('cm1', step('cancelChangeRequest', ', reason: "窗口调整"'), {
      id: normal.id,
      v: normal.version,
    });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', reason: '窗口调整' });
  });

  it('refuses bad input with its field, and writes nothing', async () => {
    const base = {
      title: '坏变更',
      type: 'NORMAL',
      risk: 'LOW',
      plannedStart: '2027-03-04T10:00:00Z',
      plannedEnd: '2027-03-04T11:00:00Z',
    };
    const unknown = await as('eng1', CREATE, {
      i: { ...base, targets: [{ componentId: 'nope', effect: 'DOWN' }] },
    });
    expect(errorOf(unknown)).toMatchObject({ code: 'NOT_FOUND', field: 'targets[0].componentId' });
    const backwards = await as('eng1', CREATE, {
      i: {
        ...base,
        plannedEnd: '2027-03-04T09:00:00Z',
        targets: [{ componentId: 'printer-13', effect: 'DOWN' }],
      },
    });
    expect(errorOf(backwards)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'plannedEnd' });
    const none = await as('eng1', CREATE, { i: { ...base, targets: [] } });
    expect(errorOf(none)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets' });
    const listed = await ok(
      'viewer',
      `{ changeRequests(filter: { from: "2027-03-04T00:00:00Z", to: "2027-03-05T00:00:00Z" }) { totalCount } }`,
    );
    expect(listed.totalCount).toBe(0);
  });

  it('edits a draft, not an approved change', async () => {
    let c = await draft('eng1', '2027-03-05T10:00:00Z', 1, [['printer-13', 'NONE']]);
    const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateChangeRequestInput!) { updateChangeRequest(id: $id, expectedVersion: $v, input: $i) { ${FIELDS} title } }`;
    c = await ok('eng1', UPDATE, {
      id: c.id,
      v: c.version,
      i: { title: '改过的标题', targets: [{ componentId: 'printer-14', effect: 'DEGRADED' }] },
    });
    expect(c).toMatchObject({
      title: '改过的标题',
      version: 2,
      targets: [{ component: { id: 'printer-14' }, effect: 'DEGRADED' }],
    });
    c = await submit('eng1', c);
    c = await ok('cm1', step('approveChangeRequest'), { id: c.id, v: c.version });
    expect(
      errorOf(await as('eng1', UPDATE, { id: c.id, v: c.version, i: { title: 'x' } })).code,
    ).toBe('INVALID_TRANSITION');
  });
});

describe('conflicts and blackout windows', () => {
  it('refuses to approve two changes that take down both members of an HA pair, unless overridden, on the record', async () => {
    let a = await submit(
      'eng1',
      await draft('eng1', '2027-04-01T16:00:00Z', 2, [['core-ext-1', 'DOWN']]),
    );
    let b = await submit(
      'eng2',
      await draft('eng2', '2027-04-01T17:00:00Z', 2, [['core-ext-2', 'DOWN']]),
    );
    const refused = await as('cm1', step('approveChangeRequest'), { id: a.id, v: a.version });
    expect(errorOf(refused).code).toBe('CONFLICT');
    const listed = errorOf(refused).conflicts as any[];
    expect(listed).toContainEqual(
      expect.objectContaining({
        kind: 'COMBINED_IMPACT',
        changeIds: [b.id],
        start: '2027-04-01T17:00:00.000Z',
        end: '2027-04-01T18:00:00.000Z',
      }),
    );
    const view = await ok('viewer', `query($id: ID!) { changeRequest(id: $id) { ${CONFLICTS} } }`, {
      id: b.id,
    });
    const combined = view.conflicts.find((c: any) => c.kind === 'COMBINED_IMPACT');
    expect(combined.changes).toEqual([{ id: a.id }]);
    expect(combined.services).toContainEqual({
      service: { id: 'svc-extranet' },
      stateAlone: 'DEGRADED',
      stateCombined: 'DOWN',
    });
    a = await ok('cm1', step('approveChangeRequest', ', overrideConflicts: true'), {
      id: a.id,
      v: a.version,
    });
    expect(a).toMatchObject({ status: 'APPROVED', conflictsOverridden: true });
    const h = await ok(
      'viewer',
      `query($id: ID!) { history(entityId: $id, first: 1) { edges { node { changes } } } }`,
      { id: a.id },
    );
    expect(Object.keys(h.edges[0].node.changes)).toContain('conflictsOverridden');
    // The range lists each conflict once, with every change involved.
    const all = await ok(
      'viewer',
      `{ changeConflicts(from: "2027-04-01T00:00:00Z", to: "2027-04-02T00:00:00Z") { kind start end changes { id } } }`,
    );
    expect(all.filter((c: any) => c.kind === 'COMBINED_IMPACT')).toEqual([
      {
        kind: 'COMBINED_IMPACT',
        start: '2027-04-01T17:00:00.000Z',
        end: '2027-04-01T18:00:00.000Z',
        changes: expect.arrayContaining([{ id: a.id }, { id: b.id }]),
      },
    ]);
    // One after the other: no conflict.
    b = await ok(
      'eng2',
      `mutation($id: ID!, $v: Int!) { updateChangeRequest(id: $id, expectedVersion: $v, input: { plannedStart: "2027-04-01T18:00:00Z", plannedEnd: "2027-04-01T20:00:00Z" }) { ${FIELDS} } }`,
      { id: b.id, v: b.version },
    );
    b = await ok('cm1', step('approveChangeRequest'), { id: b.id, v: b.version });
    expect(b).toMatchObject({ status: 'APPROVED', conflictsOverridden: false });
  });

  it('marks a change that takes a service down during its blackout window, and only then', async () => {
    const window = await ok(
      'cm1',
      `mutation { createBlackoutWindow(input: { name: "两会保障期", start: "2027-05-01T00:00:00Z", end: "2027-05-02T00:00:00Z", serviceIds: ["svc-extranet"], reason: "重大活动保障" }) { id name services { id } } }`,
    );
    expect(window.services).toEqual([{ id: 'svc-extranet' }]);
    expect(
      errorOf(
        await as(
          'eng1',
          `mutation { createBlackoutWindow(input: { name: "x", start: "2027-05-01T00:00:00Z", end: "2027-05-02T00:00:00Z" }) { id } }`,
        ),
      ).code,
    ).toBe('FORBIDDEN');
    const inside = await submit(
      'eng1',
      await draft('eng1', '2027-05-01T20:00:00Z', 6, [['core-ext-1', 'DOWN']]),
    );
    const view = await ok('viewer', `query($id: ID!) { changeRequest(id: $id) { ${CONFLICTS} } }`, {
      id: inside.id,
    });
    expect(view.conflicts).toEqual([
      {
        kind: 'BLACKOUT',
        start: '2027-05-01T20:00:00.000Z',
        end: '2027-05-02T00:00:00.000Z',
        changes: [],
        services: [
          { service: { id: 'svc-extranet' }, stateAlone: 'DEGRADED', stateCombined: 'DEGRADED' },
        ],
        blackoutWindows: [{ name: '两会保障期' }],
      },
    ]);
    const listed = await ok(
      'viewer',
      `{ blackoutWindows(from: "2027-04-30T00:00:00Z", to: "2027-05-03T00:00:00Z") { id } }`,
    );
    expect(listed).toEqual([{ id: window.id }]);
    expect(
      await ok('cm1', `mutation($id: ID!) { deleteBlackoutWindow(id: $id) }`, { id: window.id }),
    ).toBe(true);
    const after = await ok(
      'viewer',
      `query($id: ID!) { changeRequest(id: $id) { ${CONFLICTS} } }`,
      { id: inside.id },
    );
    expect(after.conflicts).toEqual([]);
  });
});

describe('planned outages in impact analysis', () => {
  it('says which changes explain an outage, and takes changes in progress in when asked', async () => {
    const now = Date.now();
    let c = await draft('eng1', new Date(now - 3600000).toISOString(), 4, [['printer-16', 'DOWN']]);
    c = await submit('eng1', c);
    c = await ok('cm1', step('approveChangeRequest', ', overrideConflicts: true'), {
      id: c.id,
      v: c.version,
    });
    const ANALYZE = `query($i: ImpactAnalysisInput!) { impactAnalysis(input: $i) { impacts { subject { id } state } activeChanges { id status } } }`;
    // Approved with a window containing now: an outage of its target is planned.
    const r = await ok('viewer', ANALYZE, { i: { failed: ['printer-16'] } });
    expect(r.activeChanges).toEqual([{ id: c.id, status: 'APPROVED' }]);
    expect((await ok('viewer', ANALYZE, { i: { failed: ['printer-13'] } })).activeChanges).toEqual(
      [],
    );
    // Not in progress yet: includeActiveChanges adds nothing.
    expect(
      (await ok('viewer', ANALYZE, { i: { failed: [], includeActiveChanges: true } })).impacts,
    ).toEqual([]);
    c = await ok('eng1', step('startChangeRequest'), { id: c.id, v: c.version });
    try {
      const planned = await ok('viewer', ANALYZE, {
        i: { failed: [], includeActiveChanges: true },
      });
      expect(planned.impacts).toContainEqual({ subject: { id: 'printer-16' }, state: 'DOWN' });
      expect(planned.activeChanges).toEqual([{ id: c.id, status: 'IN_PROGRESS' }]);
      const onComponent = await ok(
        'viewer',
        `{ configurationItem(id: "printer-16") { changes { totalCount edges { node { id } } } } }`,
      );
      expect(onComponent.changes.edges).toContainEqual({ node: { id: c.id } });
    } finally {
      await ok('eng1', step('completeChangeRequest', ', outcome: SUCCESSFUL'), {
        id: c.id,
        v: c.version,
      });
    }
  });
});
