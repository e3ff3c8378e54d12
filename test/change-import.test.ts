import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDocument } from '../src/cli/read-document.js';
import { errorOf } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
}, 180000);
afterAll(() => t.close());

const IMPORT = `mutation($i: ImportConfigurationInput!) { importConfiguration(input: $i) { created updated unchanged } }`;
const calendar = (title = '核心交换机巡检') => ({
  changeRequests: [
    {
      id: 'chg-import-1',
      title,
      type: 'NORMAL',
      risk: 'LOW',
      status: 'APPROVED',
      plannedStart: '2027-06-01T14:00:00Z',
      plannedEnd: '2027-06-01T15:00:00Z',
      targets: [{ componentId: 'core-ext-1', effect: 'NONE' }],
      implementerId: 'sup-huawei',
    },
  ],
  blackoutWindows: [
    {
      id: 'bw-import-1',
      name: '高考保障期',
      start: '2027-06-07T00:00:00Z',
      end: '2027-06-10T00:00:00Z',
      serviceIds: ['svc-portal'],
    },
  ],
});

describe('the change calendar in an import', () => {
  it('upserts changes and blackout windows by id, numbering new changes; importing again writes nothing', async () => {
    expect((await t.ok(IMPORT, { i: calendar() })).importConfiguration).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    const c = (
      await t.ok(
        `{ changeRequest(id: "chg-import-1") { number status requestedBy implementer { id } } }`,
      )
    ).changeRequest;
    expect(c).toMatchObject({
      status: 'APPROVED',
      requestedBy: 'dev',
      implementer: { id: 'sup-huawei' },
    });
    expect(c.number).toMatch(/^CHG-\d{6}$/);
    expect((await t.ok(IMPORT, { i: calendar() })).importConfiguration).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(
      (await t.ok(IMPORT, { i: calendar('核心交换机巡检（改期）') })).importConfiguration,
    ).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
  });

  it('lists every bad row, and writes nothing', async () => {
    const bad = {
      configurationItems: [{ id: 'ci-import-new', name: '新服务器', ciClass: 'PhysicalServer' }],
      changeRequests: [
        {
          ...calendar().changeRequests[0],
          id: 'chg-import-bad',
          targets: [{ componentId: 'nope', effect: 'DOWN' }],
        },
        {
          ...calendar().changeRequests[0],
          id: 'chg-import-bad2',
          plannedEnd: '2027-06-01T13:00:00Z',
        },
      ],
      blackoutWindows: [
        {
          id: 'bw-import-bad',
          name: 'x',
          start: '2027-06-07T00:00:00Z',
          end: '2027-06-08T00:00:00Z',
          serviceIds: ['core-ext-1'],
        },
      ],
    };
    const r = await t.gql(IMPORT, { i: bad });
    const e = errorOf(r);
    expect(e.code).toBe('BAD_USER_INPUT');
    expect((e.rows as any[]).map((x) => [x.collection, x.index, x.field])).toEqual([
      ['changeRequests', 0, 'targets[0].componentId'],
      ['changeRequests', 1, 'plannedEnd'],
      ['blackoutWindows', 0, 'serviceIds[0]'],
    ]);
    expect((await t.ok(`{ node(id: "ci-import-new") { id } }`)).node).toBeNull();
  });

  it('reads a calendar from CSV, targets as componentId:EFFECT pairs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cmdb-change-csv-'));
    try {
      writeFileSync(
        path.join(dir, 'change-requests.csv'),
        'id,title,type,risk,status,plannedStart,plannedEnd,targets,implementerId\n' +
          'chg-csv-1,UPS巡检,STANDARD,LOW,APPROVED,2027-06-02T01:00:00Z,2027-06-02T03:00:00Z,pwr-room-a-feed1:DOWN;pwr-room-a-feed2:NONE,sup-facility\n',
      );
      writeFileSync(
        path.join(dir, 'blackout-windows.csv'),
        'id,name,start,end,serviceIds,reason\nbw-csv-1,年终封网,2027-12-25T00:00:00Z,2028-01-02T00:00:00Z,,年末保障\n',
      );
      const doc = await readDocument([dir]);
      expect((await t.ok(IMPORT, { i: doc })).importConfiguration.created).toBe(2);
      const c = (
        await t.ok(`{ changeRequest(id: "chg-csv-1") { targets { component { id } effect } } }`)
      ).changeRequest;
      expect(c.targets).toEqual([
        { component: { id: 'pwr-room-a-feed1' }, effect: 'DOWN' },
        { component: { id: 'pwr-room-a-feed2' }, effect: 'NONE' },
      ]);
      const w = await t.ok(
        `{ blackoutWindows(from: "2027-12-01T00:00:00Z", to: "2028-02-01T00:00:00Z") { name services { id } } }`,
      );
      expect(w.blackoutWindows).toEqual([{ name: '年终封网', services: [] }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
