import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDocument } from '../src/cli/read-document.js';
import { errorOf, factories } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startTokenApp, type TokenApp } from './support/token-app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t);
}, 120000);
afterAll(() => t.close());
beforeEach(() => t.reset());

const SLA = {
  indicators: [
    { name: '故障修复及时率', target: 95, unit: '%', dimension: 'TIMELINESS' },
    { name: '漏洞扫描覆盖率', target: 100, unit: '%', dimension: 'SECURITY', period: 'QUARTER' },
    { name: '安全事件次数', target: 0, unit: '次', dimension: 'SECURITY', direction: 'AT_MOST' },
  ],
};
const RECORD = `mutation($i: [SlaMeasurementInput!]!) { recordSlaMeasurements(input: $i) { created updated unchanged } }`;
const CREATE_CONTRACT = `mutation($i: CreateContractInput!) { createContract(input: $i) { id version supplier { id } parent { id } services { id } start end value currency phase } }`;

/** A prime contractor with one subcontractor, each with a service and a contract. */
async function outsourcing() {
  await f.supplier('sup-p', '总包', 'PRIME_CONTRACTOR');
  await f.supplier('sup-s', '分包', 'SUBCONTRACTOR');
  await f.service('svc-p', { sla: SLA, providerId: 'sup-p' });
  await f.service('svc-s', { sla: SLA, providerId: 'sup-s' });
  await t.ok(CREATE_CONTRACT, {
    i: {
      id: 'ctr-p',
      name: '总包合同',
      supplierId: 'sup-p',
      serviceIds: ['svc-p'],
      start: '2026-01-01',
      end: '2026-12-31',
      value: 1000000.5,
    },
  });
  await t.ok(CREATE_CONTRACT, {
    i: {
      id: 'ctr-s',
      name: '分包合同',
      supplierId: 'sup-s',
      parentId: 'ctr-p',
      serviceIds: ['svc-s'],
      start: '2026-01-01',
      end: '2026-12-31',
    },
  });
}

describe('SLA indicators', () => {
  it('carry dimension, direction and period, defaulting to AT_LEAST and MONTH', async () => {
    await f.service('svc-i', { sla: SLA });
    const d = await t.ok(
      `{ service(id: "svc-i") { sla { indicators { name dimension direction period } } } }`,
    );
    expect(d.service.sla.indicators).toEqual([
      { name: '故障修复及时率', dimension: 'TIMELINESS', direction: 'AT_LEAST', period: 'MONTH' },
      { name: '漏洞扫描覆盖率', dimension: 'SECURITY', direction: 'AT_LEAST', period: 'QUARTER' },
      { name: '安全事件次数', dimension: 'SECURITY', direction: 'AT_MOST', period: 'MONTH' },
    ]);
    const twice = await t.gql(
      `mutation($i: CreateServiceInput!) { createService(input: $i) { id } }`,
      {
        i: {
          name: 'x',
          category: 'SECURITY',
          sla: { indicators: [SLA.indicators[0], SLA.indicators[0]] },
        },
      },
    );
    expect(errorOf(twice)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'sla.indicators[1].name',
    });
  });
});

describe('contracts', () => {
  it('create, read from both ends, update with versions, and refuse bad ones', async () => {
    await outsourcing();
    const c = (
      await t.ok(
        `{ contract(id: "ctr-p") { name supplier { id } children { id } services { id } value currency phase version } }`,
      )
    ).contract;
    expect(c).toEqual({
      name: '总包合同',
      supplier: { id: 'sup-p' },
      children: [{ id: 'ctr-s' }],
      services: [{ id: 'svc-p' }],
      value: 1000000.5,
      currency: 'CNY',
      phase: 'DELIVERY',
      version: 1,
    });
    const ends = await t.ok(
      `{ supplier: node(id: "sup-s") { ... on Supplier { contracts { id parent { id } } } } service(id: "svc-s") { contracts { id } } contracts { id } }`,
    );
    expect(ends.supplier.contracts).toEqual([{ id: 'ctr-s', parent: { id: 'ctr-p' } }]);
    expect(ends.service.contracts).toEqual([{ id: 'ctr-s' }]);
    expect(ends.contracts.map((x: { id: string }) => x.id)).toEqual(['ctr-p', 'ctr-s']);
    const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateContractInput!) { updateContract(id: $id, expectedVersion: $v, input: $i) { version phase services { id } } }`;
    expect(
      (
        await t.ok(UPDATE, {
          id: 'ctr-s',
          v: 1,
          i: { phase: 'COMPLETION', serviceIds: ['svc-s', 'svc-p'] },
        })
      ).updateContract,
    ).toEqual({ version: 2, phase: 'COMPLETION', services: [{ id: 'svc-p' }, { id: 'svc-s' }] });
    expect(errorOf(await t.gql(UPDATE, { id: 'ctr-s', v: 1, i: { phase: 'DELIVERY' } })).code).toBe(
      'CONFLICT',
    );
    expect(
      errorOf(await t.gql(UPDATE, { id: 'ctr-s', v: 2, i: { parentId: 'ctr-s' } })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
    const bad = (i: Record<string, unknown>) =>
      t.gql(CREATE_CONTRACT, {
        i: { name: 'x', supplierId: 'sup-p', start: '2026-01-01', end: '2026-12-31', ...i },
      });
    expect(errorOf(await bad({ end: '2025-12-31' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'end',
    });
    expect(errorOf(await bad({ supplierId: 'sup-nope' })).code).toBe('NOT_FOUND');
    expect(errorOf(await bad({ serviceIds: ['sup-s'] })).code).toBe('BAD_USER_INPUT');
    const history = await t.ok(
      `{ contract(id: "ctr-s") { history { edges { node { action } } } } }`,
    );
    expect(history.contract.history.edges.map((e: any) => e.node.action).sort()).toEqual([
      'CREATE',
      'UPDATE',
    ]);
  });
});

describe('measurements', () => {
  it('are all-or-nothing with every bad row listed, then upserted by service, indicator and period', async () => {
    await outsourcing();
    const rows = [
      { serviceId: 'svc-p', indicator: '故障修复及时率', period: '2026-10', value: 96 },
      {
        serviceId: 'svc-p',
        indicator: '故障修复及时率',
        period: '2026-11',
        value: 93.5,
        note: '两次超时',
      },
      { serviceId: 'svc-p', indicator: '漏洞扫描覆盖率', period: '2026-Q4', value: 100 },
      { serviceId: 'svc-p', indicator: '安全事件次数', period: '2026-11', value: 1 },
    ];
    const rejected = await t.gql(RECORD, {
      i: [
        ...rows,
        { serviceId: 'svc-nope', indicator: '故障修复及时率', period: '2026-11', value: 1 },
        { serviceId: 'svc-p', indicator: '漏洞扫描覆盖率', period: '2026-11', value: 1 },
        { serviceId: 'svc-p', indicator: '不存在', period: '2026-11', value: 1 },
      ],
    });
    expect(errorOf(rejected).code).toBe('BAD_USER_INPUT');
    expect((errorOf(rejected).rows as any[]).map((r) => [r.index, r.collection, r.field])).toEqual([
      [4, 'measurements', 'serviceId'],
      [5, 'measurements', 'period'],
      [6, 'measurements', 'indicator'],
    ]);
    const perf = `{ service(id: "svc-p") { slaPerformance { indicator { name } period value met note } } }`;
    expect((await t.ok(perf)).service.slaPerformance).toEqual([]);
    expect((await t.ok(RECORD, { i: rows })).recordSlaMeasurements).toEqual({
      created: 4,
      updated: 0,
      unchanged: 0,
    });
    expect(
      (await t.ok(RECORD, { i: [{ ...rows[0], value: 97 }, rows[1]] })).recordSlaMeasurements,
    ).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect((await t.ok(perf)).service.slaPerformance).toEqual([
      {
        indicator: { name: '故障修复及时率' },
        period: '2026-10',
        value: 97,
        met: true,
        note: null,
      },
      {
        indicator: { name: '故障修复及时率' },
        period: '2026-11',
        value: 93.5,
        met: false,
        note: '两次超时',
      },
      {
        indicator: { name: '漏洞扫描覆盖率' },
        period: '2026-Q4',
        value: 100,
        met: true,
        note: null,
      },
      { indicator: { name: '安全事件次数' }, period: '2026-11', value: 1, met: false, note: null },
    ]);
    const ranged = await t.ok(
      `{ service(id: "svc-p") { slaPerformance(from: "2026-11", to: "2026-12") { period } } }`,
    );
    expect(ranged.service.slaPerformance.map((p: any) => p.period)).toEqual(['2026-11', '2026-11']);
    expect(
      errorOf(
        await t.gql(`{ service(id: "svc-p") { slaPerformance(from: "2026-13") { period } } }`),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('import with contracts from CSV files, all-or-nothing with the rest of the document', async () => {
    await f.supplier('sup-p', '总包', 'PRIME_CONTRACTOR');
    const dir = mkdtempSync(path.join(tmpdir(), 'sla-csv-'));
    try {
      writeFileSync(
        path.join(dir, 'services.csv'),
        `id,name,category,providerId,indicators\nsvc-c,门户,CONTENT,sup-p,"[{""name"":""检索成功率"",""target"":99,""unit"":""%""}]"\n`,
      );
      writeFileSync(
        path.join(dir, 'contracts.csv'),
        `id,name,supplierId,serviceIds,start,end,value,phase\nctr-c,内容运维合同,sup-p,svc-c,2026-01-01,2026-12-31,120000.10,DELIVERY\n`,
      );
      writeFileSync(
        path.join(dir, 'sla-measurements.csv'),
        `serviceId,indicator,period,value,note\nsvc-c,检索成功率,2026-11,99.5,\nsvc-c,检索成功率,2026-12,98,索引重建\n`,
      );
      const IMPORT = `mutation($i: ImportConfigurationInput!) { importConfiguration(input: $i) { created updated unchanged } }`;
      const doc = await readDocument([dir]);
      const broken = {
        ...doc,
        slaMeasurements: [
          ...doc.slaMeasurements!,
          { serviceId: 'svc-c', indicator: '检索成功率', period: '2026-Q4', value: 1 },
        ],
      };
      const refused = await t.gql(IMPORT, { i: broken });
      expect((errorOf(refused).rows as any[]).map((r) => [r.collection, r.index, r.field])).toEqual(
        [['slaMeasurements', 2, 'period']],
      );
      expect((await t.ok(`{ contracts { id } }`)).contracts).toEqual([]);
      expect((await t.ok(IMPORT, { i: doc })).importConfiguration).toEqual({
        created: 4,
        updated: 0,
        unchanged: 0,
      });
      expect((await t.ok(IMPORT, { i: doc })).importConfiguration).toEqual({
        created: 0,
        updated: 0,
        unchanged: 4,
      });
      const d = await t.ok(
        `{ contract(id: "ctr-c") { value services { id } } service(id: "svc-c") { slaPerformance { period met } } }`,
      );
      expect(d.contract).toEqual({ value: 120000.1, services: [{ id: 'svc-c' }] });
      expect(d.service.slaPerformance).toEqual([
        { period: '2026-11', met: true },
        { period: '2026-12', met: false },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('supplier scorecards', () => {
  it('a prime contractor is assessed with its subcontractors, each of them on its own card', async () => {
    await outsourcing();
    await t.ok(RECORD, {
      i: [
        { serviceId: 'svc-p', indicator: '故障修复及时率', period: '2026-10', value: 96 },
        { serviceId: 'svc-p', indicator: '故障修复及时率', period: '2026-11', value: 90 },
        { serviceId: 'svc-s', indicator: '安全事件次数', period: '2026-11', value: 0 },
        { serviceId: 'svc-s', indicator: '漏洞扫描覆盖率', period: '2026-Q4', value: 98 },
        { serviceId: 'svc-s', indicator: '故障修复及时率', period: '2025-11', value: 10 },
      ],
    });
    const CARD = `query($s: ID!, $p: String!) { supplierScorecard(supplierId: $s, period: $p) { supplier { id } period measured met compliance services { service { id } measured met breaches { indicator { name } period value } } subcontractors { supplier { id } measured met compliance } } }`;
    const card = (await t.ok(CARD, { s: 'sup-p', p: '2026-Q4' })).supplierScorecard;
    expect(card).toEqual({
      supplier: { id: 'sup-p' },
      period: '2026-Q4',
      measured: 4,
      met: 2,
      compliance: 0.5,
      services: [
        {
          service: { id: 'svc-p' },
          measured: 2,
          met: 1,
          breaches: [{ indicator: { name: '故障修复及时率' }, period: '2026-11', value: 90 }],
        },
      ],
      subcontractors: [{ supplier: { id: 'sup-s' }, measured: 2, met: 1, compliance: 0.5 }],
    });
    expect((await t.ok(CARD, { s: 'sup-p', p: '2026-11' })).supplierScorecard).toMatchObject({
      measured: 2,
      met: 1,
    });
    expect((await t.ok(CARD, { s: 'sup-p', p: '2024' })).supplierScorecard).toMatchObject({
      measured: 0,
      compliance: null,
    });
    expect(errorOf(await t.gql(CARD, { s: 'sup-nope', p: '2026' })).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(CARD, { s: 'sup-p', p: '2026Q4' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'period',
    });
  });
});

describe('roles', () => {
  let a: TokenApp;
  beforeAll(async () => {
    a = await startTokenApp({ viewer: ['VIEWER'], admin: ['CMDB_ADMIN'], pm: ['PROBLEM_MANAGER'] });
  }, 120000);
  afterAll(() => a.close());

  it('contracts and measurements are CMDB_ADMIN writes; reading them is VIEWER', async () => {
    await a.t.reset();
    await a.as(
      'admin',
      `mutation { createSupplier(input: { id: "sup-r", name: "r", role: PRIME_CONTRACTOR }) { id } }`,
    );
    await a.as('admin', `mutation($i: CreateServiceInput!) { createService(input: $i) { id } }`, {
      i: { id: 'svc-r', name: 'r', category: 'SECURITY', sla: SLA },
    });
    const contract = {
      i: {
        id: 'ctr-r',
        name: 'r',
        supplierId: 'sup-r',
        serviceIds: ['svc-r'],
        start: '2026-01-01',
        end: '2026-12-31',
      },
    };
    const measurement = {
      i: [{ serviceId: 'svc-r', indicator: '安全事件次数', period: '2026-11', value: 0 }],
    };
    for (const who of ['viewer', 'pm']) {
      expect(errorOf(await a.as(who, CREATE_CONTRACT, contract)).code).toBe('FORBIDDEN');
      expect(errorOf(await a.as(who, RECORD, measurement)).code).toBe('FORBIDDEN');
    }
    expect((await a.as('admin', CREATE_CONTRACT, contract)).data?.createContract.id).toBe('ctr-r');
    const UPDATE = `mutation { updateContract(id: "ctr-r", expectedVersion: 1, input: { phase: COMPLETION }) { version } }`;
    for (const who of ['viewer', 'pm'])
      expect(errorOf(await a.as(who, UPDATE)).code).toBe('FORBIDDEN');
    expect((await a.as('admin', UPDATE)).data?.updateContract.version).toBe(2);
    expect((await a.as('admin', RECORD, measurement)).data?.recordSlaMeasurements.created).toBe(1);
    const read = await a.as(
      'viewer',
      `{ contracts { id } supplierScorecard(supplierId: "sup-r", period: "2026") { measured } }`,
    );
    expect(read.data).toEqual({ contracts: [{ id: 'ctr-r' }], supplierScorecard: { measured: 1 } });
  });
});
