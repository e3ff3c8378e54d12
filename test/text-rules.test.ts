import { codeOf, factories, errorOf } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.reset();
  const f = factories(t);
  await f.orgUnit('txt-dept');
  await f.ci('txt-ci');
  await f.service('txt-svc');
});
afterAll(() => t.close());

/** The three kinds of hidden text, each refused wherever text is stored. */
const BAD = ['a\u0000b', 'invoice\u202Efdp.exe', 'x\uFDD0y'];
const CI = `mutation($i: CreateConfigurationItemInput!) { createConfigurationItem(input: $i) { id } }`;
const SVC = `mutation($i: CreateServiceInput!) { createService(input: $i) { id } }`;
const KE = `mutation($i: CreateKnownErrorInput!) { createKnownError(input: $i) { id version } }`;

/** Every text input of every write: the mutation, its variables with the text, the field at fault. */
const CASES: [string, string, (s: string) => Record<string, unknown>, string][] = [
  [
    'org unit name',
    `mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }`,
    (s) => ({ i: { name: s, kind: 'TEAM' } }),
    'name',
  ],
  [
    'supplier name',
    `mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`,
    (s) => ({ i: { name: s, role: 'VENDOR' } }),
    'name',
  ],
  [
    'supplier contact',
    `mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`,
    (s) => ({ i: { name: 'n', role: 'VENDOR', contact: s } }),
    'contact',
  ],
  [
    'supplier contract',
    `mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`,
    (s) => ({ i: { name: 'n', role: 'VENDOR', contractRef: s } }),
    'contractRef',
  ],
  ['CI name', CI, (s) => ({ i: { name: s, ciClass: 'PhysicalServer' } }), 'name'],
  [
    'CI description',
    CI,
    (s) => ({ i: { name: 'n', ciClass: 'PhysicalServer', description: s } }),
    'description',
  ],
  ['CI tag', CI, (s) => ({ i: { name: 'n', ciClass: 'PhysicalServer', tags: [s] } }), 'tags'],
  [
    'CI asset',
    CI,
    (s) => ({ i: { name: 'n', ciClass: 'PhysicalServer', asset: { location: s } } }),
    'asset.location',
  ],
  [
    'CI attributes',
    CI,
    (s) => ({ i: { name: 'n', ciClass: 'PhysicalServer', attributes: { os: s } } }),
    'attributes',
  ],
  [
    'CI update',
    `mutation($s: String!) { updateConfigurationItem(id: "txt-ci", expectedVersion: 1, input: { name: $s }) { id } }`,
    (s) => ({ s }),
    'name',
  ],
  ['service name', SVC, (s) => ({ i: { name: s, category: 'APPLICATION' } }), 'name'],
  [
    'service subcategory',
    SVC,
    (s) => ({ i: { name: 'n', category: 'APPLICATION', subcategory: s } }),
    'subcategory',
  ],
  [
    'SLA indicator',
    SVC,
    (s) => ({
      i: {
        name: 'n',
        category: 'APPLICATION',
        sla: { indicators: [{ name: s, target: 95, unit: '%' }] },
      },
    }),
    'sla.indicators[0].name',
  ],
  [
    'class label',
    `mutation($s: String!) { createCIClass(input: { name: "TxtClass", label: $s, labelZh: "类", parent: "Server" }) { id } }`,
    (s) => ({ s }),
    'label',
  ],
  ['article title', KE, (s) => ({ i: { title: s, symptoms: 's' } }), 'title'],
  ['article symptoms', KE, (s) => ({ i: { title: 't', symptoms: s } }), 'symptoms'],
  ['article cause', KE, (s) => ({ i: { title: 't', symptoms: 's', cause: s } }), 'cause'],
  [
    'article workaround',
    KE,
    (s) => ({ i: { title: 't', symptoms: 's', workaround: s } }),
    'workaround',
  ],
  [
    'article resolution',
    KE,
    (s) => ({ i: { title: 't', symptoms: 's', resolution: s } }),
    'resolution',
  ],
  ['article tags', KE, (s) => ({ i: { title: 't', symptoms: 's', tags: [s] } }), 'tags'],
  [
    'article problemRef',
    KE,
    (s) => ({ i: { title: 't', symptoms: 's', problemRef: s } }),
    'problemRef',
  ],
  [
    'import row',
    `mutation($i: ImportConfigurationInput!) { importConfiguration(input: $i) { created } }`,
    (s) => ({ i: { orgUnits: [{ id: 'txt-imp', name: s, kind: 'TEAM' }] } }),
    'name',
  ],
];

describe('hidden text (issue 22 item 15)', () => {
  it.each(CASES)('refuses it in the %s, writing nothing', async (_what, query, vars, field) => {
    const before = await factories(t).counts();
    for (const bad of BAD) {
      const r = await t.gql(query, vars(bad));
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      const ext = errorOf(r);
      const fields = [
        ext.field,
        ...((ext.problems as { field: string }[] | undefined) ?? []).map((p) => p.field),
        ...((ext.rows as { field: string }[] | undefined) ?? []).map((p) => p.field),
      ];
      expect(fields).toContain(field);
    }
    expect(await factories(t).counts()).toEqual(before);
  });

  it('refuses it in a change note and a reason, and look-alike ids', async () => {
    const a = (await t.ok(KE, { i: { title: '隐藏字符', symptoms: 's' } })).createKnownError;
    const upd = await t.gql(
      `mutation($id: ID!, $n: String) { updateKnownError(id: $id, expectedVersion: 1, input: { cause: "c" }, changeNote: $n) { id } }`,
      { id: a.id, n: BAD[1] },
    );
    expect(errorOf(upd)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'changeNote',
    });
    await t.ok(`mutation($id: ID!) { submitKnownError(id: $id, expectedVersion: 1) { id } }`, {
      id: a.id,
    });
    const rej = await t.gql(
      `mutation($id: ID!, $r: String!) { rejectKnownError(id: $id, expectedVersion: 2, reason: $r) { id } }`,
      { id: a.id, r: BAD[0] },
    );
    expect(errorOf(rej)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const lookAlike = await t.gql(CI, {
      i: { id: '\u0441ore-ext-1', name: 'n', ciClass: 'PhysicalServer' },
    });
    expect(errorOf(lookAlike)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });
});
