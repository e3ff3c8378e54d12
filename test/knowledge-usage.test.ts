/** Use and review of known errors (issue 21): recorded uses, the review date and needsReview's rules. */
import { codeOf, errorOf } from './support/factories.js';
import { startTokenApp, type TokenApp } from './support/token-app.js';

const USERS: Record<string, string[]> = {
  eng1: ['ENGINEER'],
  eng2: ['ENGINEER'],
  pm1: ['PROBLEM_MANAGER'],
  pm2: ['PROBLEM_MANAGER'],
  viewer: ['VIEWER'],
  admin1: ['ADMIN'],
};

let app: TokenApp;
beforeAll(async () => {
  app = await startTokenApp(USERS);
  await app.t.reset();
}, 180000);
afterAll(() => app.close());

const FIELDS = `id version status publishedAt reviewBy needsReview
  usage { uses helpful notHelpful lastUsedAt incidentRefs(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { ref helpful usedBy note } } } }`;
const as = (who: string, query: string, variables?: Record<string, unknown>) =>
  app.as(who, query, variables);
const ok = (who: string, query: string, variables?: Record<string, unknown>) =>
  app.ok(who, query, variables);
const step = (name: string) =>
  `mutation($id: ID!, $v: Int!) { ${name}(id: $id, expectedVersion: $v) { ${FIELDS} } }`;
const USE = `mutation($id: ID!, $i: RecordKnownErrorUseInput!) { recordKnownErrorUse(id: $id, input: $i) { ${FIELDS} } }`;
const REVIEW_BY = `mutation($id: ID!, $v: Int!, $d: Date!) { setKnownErrorReviewBy(id: $id, expectedVersion: $v, reviewBy: $d) { ${FIELDS} } }`;
const GET = `query($id: ID!) { knownError(id: $id) { ${FIELDS} } }`;
const LIST = `query($r: Boolean) { knownErrors(filter: { needsReview: $r }, first: 200) { totalCount edges { node { id needsReview } } } }`;

/** A published article by eng1, reviewed by pm1, optionally linked to CIs, services, classes. */
async function published(
  title: string,
  ciIds: string[] = [],
  serviceIds: string[] = [],
  ciClasses: string[] = [],
) {
  const created = await ok(
    'eng1',
    `mutation($i: CreateKnownErrorInput!) { createKnownError(input: $i) { id version } }`,
    { i: { title, symptoms: `${title} symptoms`, ciIds, serviceIds, ciClasses } },
  );
  const submitted = await ok('eng1', step('submitKnownError'), {
    id: created.id,
    v: created.version,
  });
  return ok('pm1', step('publishKnownError'), { id: submitted.id, v: submitted.version });
}

const today = () => new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
const daysFrom = (d: number) =>
  new Date(Date.now() + 8 * 3600000 + d * 86400000).toISOString().slice(0, 10);

describe('use and review of known errors', () => {
  it('records uses of a published article only, by engineers, without touching its version', async () => {
    const a = await published('打印机脱机');
    expect(a).toMatchObject({
      needsReview: false,
      usage: { uses: 0, helpful: 0, notHelpful: 0, lastUsedAt: null },
    });
    // The default review date: a year after the first publication.
    const y = Number(a.publishedAt.slice(0, 4)) + 1;
    expect(a.reviewBy).toBe(`${y}${a.publishedAt.slice(4, 10)}`);
    expect(codeOf(await as('viewer', USE, { id: a.id, i: { helpful: true } }))).toBe('FORBIDDEN');
    expect(codeOf(await as('eng1', USE, { id: 'ke-none', i: { helpful: true } }))).toBe(
      'NOT_FOUND',
    );
    const draft = await ok(
      'eng2',
      `mutation { createKnownError(input: { title: "草稿", symptoms: "s" }) { id } }`,
    );
    expect(codeOf(await as('eng2', USE, { id: draft.id, i: { helpful: true } }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(
      errorOf(
        await as('eng1', USE, { id: a.id, i: { helpful: true, incidentRef: 'x'.repeat(101) } }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'incidentRef' });
    expect(
      errorOf(await as('eng1', USE, { id: a.id, i: { helpful: true, note: 'a\u0007b' } })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect((await ok('eng1', GET, { id: a.id })).usage.uses).toBe(0); // nothing was written

    await ok('eng1', USE, { id: a.id, i: { helpful: true, incidentRef: 'INC-1' } });
    await ok('eng2', USE, { id: a.id, i: { helpful: false, incidentRef: 'INC-2', note: '无效' } });
    await ok('eng1', USE, { id: a.id, i: { helpful: true } });
    const after = await ok('eng2', USE, { id: a.id, i: { helpful: true, incidentRef: 'INC-3' } });
    expect(after.version).toBe(a.version);
    expect(after.usage).toMatchObject({
      uses: 4,
      helpful: 3,
      notHelpful: 1,
      lastUsedAt: expect.any(String),
    });
    // The incident references, newest first, paged; the use without one is counted, not listed.
    const refs = after.usage.incidentRefs;
    expect(refs.totalCount).toBe(3);
    expect(refs.edges.map((e: any) => e.node)).toEqual([
      { ref: 'INC-3', helpful: true, usedBy: 'eng2', note: null },
      { ref: 'INC-2', helpful: false, usedBy: 'eng2', note: '无效' },
    ]);
    const next = await ok(
      'eng1',
      `query($id: ID!, $after: String) { knownError(id: $id) { usage { incidentRefs(first: 2, after: $after) { pageInfo { hasNextPage } edges { node { ref } } } } } }`,
      { id: a.id, after: refs.pageInfo.endCursor },
    );
    expect(next.usage.incidentRefs).toEqual({
      pageInfo: { hasNextPage: false },
      edges: [{ node: { ref: 'INC-1' } }],
    });
  });

  it('lets the author or a problem manager set the review date, and flags an article past it', async () => {
    const a = await published('VPN 无法登录');
    expect(codeOf(await as('eng2', REVIEW_BY, { id: a.id, v: a.version, d: daysFrom(30) }))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(await as('eng1', REVIEW_BY, { id: a.id, v: a.version + 1, d: daysFrom(30) })),
    ).toBe('CONFLICT');
    let b = await ok('eng1', REVIEW_BY, { id: a.id, v: a.version, d: today() });
    expect(b).toMatchObject({ reviewBy: today(), needsReview: false, version: a.version + 1 });
    b = await ok('pm2', REVIEW_BY, { id: a.id, v: b.version, d: daysFrom(-1) });
    expect(b).toMatchObject({ reviewBy: daysFrom(-1), needsReview: true });
    const history = await ok(
      'pm2',
      `query($id: ID!) { history(entityId: $id, first: 1) { edges { node { action actor changes } } } }`,
      { id: a.id },
    );
    expect(history.edges[0].node).toMatchObject({
      action: 'UPDATE',
      actor: 'pm2',
      changes: { reviewBy: { before: today(), after: daysFrom(-1) } },
    });
  });

  it('flags an article that applies to a retired CI, or that more than a third of three or more uses found unhelpful', async () => {
    await ok(
      'admin1',
      `mutation { createConfigurationItem(input: { id: "u-srv", name: "srv", ciClass: "PhysicalServer" }) { id } }`,
    );
    const linked = await published('服务器风扇告警', ['u-srv']);
    expect(linked.needsReview).toBe(false);
    const ci = await ok('admin1', `{ configurationItem(id: "u-srv") { version } }`);
    await ok(
      'admin1',
      `mutation($v: Int!) { retireConfigurationItem(id: "u-srv", expectedVersion: $v) { id } }`,
      { v: ci.version },
    );
    expect((await ok('eng1', GET, { id: linked.id })).needsReview).toBe(true);

    const third = await published('邮件发送失败');
    for (const helpful of [true, true, false])
      await ok('eng1', USE, { id: third.id, i: { helpful } });
    expect((await ok('eng1', GET, { id: third.id })).needsReview).toBe(false); // exactly a third
    const twoThirds = await published('数据库连接池耗尽');
    for (const helpful of [false, true])
      await ok('eng1', USE, { id: twoThirds.id, i: { helpful } });
    expect((await ok('eng1', GET, { id: twoThirds.id })).needsReview).toBe(false); // two uses: too few
    await ok('eng1', USE, { id: twoThirds.id, i: { helpful: false } });
    expect((await ok('eng1', GET, { id: twoThirds.id })).needsReview).toBe(true);

    // The filter lists exactly the flagged articles (its Cypher and the resolvers' rules agree).
    const all = await ok('eng1', LIST, { r: null });
    const flagged = all.edges
      .filter((e: any) => e.node.needsReview)
      .map((e: any) => e.node.id)
      .sort();
    const listed = (await ok('eng1', LIST, { r: true })).edges.map((e: any) => e.node.id).sort();
    const others = (await ok('eng1', LIST, { r: false })).edges.map((e: any) => e.node.id);
    expect(listed).toEqual(flagged);
    expect(listed.length).toBe(3);
    expect(others.length + listed.length).toBe(all.totalCount);
    expect(others.some((id: string) => flagged.includes(id))).toBe(false);
    // A retired article never needs review.
    const t = await ok('eng1', GET, { id: twoThirds.id });
    const retired = await ok(
      'pm1',
      `mutation($id: ID!, $v: Int!) { retireKnownError(id: $id, expectedVersion: $v, reason: "过时") { needsReview } }`,
      { id: t.id, v: t.version },
    );
    expect(retired.needsReview).toBe(false);
    expect(
      errorOf(
        await as(
          'eng1',
          `{ searchKnowledge(query: "邮件", filter: { needsReview: true }) { totalHits } }`,
        ),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.needsReview' });
  });

  it('knowledgeGaps names the classes and services whose articles do not help, and services that miss their SLA with none', async () => {
    const month = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 7);
    const sla = { indicators: [{ name: '故障修复及时率', target: 95, unit: '%' }] };
    for (const id of ['gap-svc-bare', 'gap-svc-covered'])
      await ok('admin1', `mutation($i: CreateServiceInput!) { createService(input: $i) { id } }`, {
        i: { id, name: id, category: 'INFRASTRUCTURE', kind: 'TECHNICAL', sla },
      });
    await ok(
      'admin1',
      `mutation($m: [SlaMeasurementInput!]!) { recordSlaMeasurements(input: $m) { created } }`,
      {
        m: ['gap-svc-bare', 'gap-svc-covered'].map((serviceId) => ({
          serviceId,
          indicator: '故障修复及时率',
          period: month,
          value: 80,
        })),
      },
    );
    await published('覆盖服务的文章', [], ['gap-svc-covered']);
    const onSwitches = await published('交换机端口故障', [], [], ['Switch']);
    for (const [helpful, ref] of [
      [false, 'INC-9'],
      [false, 'INC-9'],
      [false, 'INC-10'],
      [true, 'INC-11'],
    ] as const)
      await ok('eng1', USE, { id: onSwitches.id, i: { helpful, incidentRef: ref } });
    const gaps = await ok(
      'viewer',
      `{ knowledgeGaps(first: 100) { service { id } ciClass { name } unhelpfulUses incidents slaMisses publishedArticles reasons score } }`,
    );
    const of = (name: string) =>
      gaps.find((g: any) => g.service?.id === name || g.ciClass?.name === name);
    expect(of('Switch')).toMatchObject({
      unhelpfulUses: 3,
      incidents: 2,
      publishedArticles: 1,
      reasons: ['UNHELPFUL_ARTICLES'],
      score: 3,
    });
    expect(of('gap-svc-bare')).toMatchObject({
      slaMisses: 1,
      publishedArticles: 0,
      reasons: ['NO_ARTICLE'],
      score: 1,
    });
    expect(of('gap-svc-covered')).toBeUndefined(); // it missed, but an article applies to it
    expect(gaps.indexOf(of('Switch'))).toBeLessThan(gaps.indexOf(of('gap-svc-bare')));
    expect(codeOf(await as('viewer', `{ knowledgeGaps(first: 0) { score } }`))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
