/** Triage (issue 21): text search, impact, root causes and the graph's matches in one request. */
import { errorOf } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
}, 180000);
afterAll(() => t.close());

const TRIAGE = `query($i: TriageInput!) { triage(input: $i) {
  impact { services { service { id } state } }
  rootCauses { ci { id } coverage }
  knownErrors { score reasons knownError { id number status title } }
} }`;

/** Creates, submits and publishes an article (the dev admin may publish its own text). */
async function publish(title: string, symptoms: string, links: Record<string, string[]> = {}) {
  const step = (name: string) =>
    `mutation($id: ID!, $v: Int!) { ${name}(id: $id, expectedVersion: $v) { id version title } }`;
  let a = (
    await t.ok(
      `mutation($i: CreateKnownErrorInput!) { createKnownError(input: $i) { id version title } }`,
      {
        i: { title, symptoms, ...links },
      },
    )
  ).createKnownError;
  a = (await t.ok(step('submitKnownError'), { id: a.id, v: a.version })).submitKnownError;
  return (await t.ok(step('publishKnownError'), { id: a.id, v: a.version })).publishKnownError;
}

describe('triage', () => {
  it('ranks an article the text and the graph both find first, with its reasons, published only', async () => {
    // The demo's core switch, and articles about it: one linked to it, one only in words.
    const { configurationItems } = await t.ok(
      `{ configurationItems(filter: { classIn: ["Switch"] }, first: 1) { edges { node { id } } } }`,
    );
    const ci = configurationItems.edges[0].node.id;
    const linked = await publish(
      '交换机端口频繁抖动',
      '接入交换机端口抖动，up/down 频繁，业务间断',
      {
        ciIds: [ci],
      },
    );
    const wordsOnly = await publish('交换机端口抖动排查', '端口抖动时先检查光模块');
    await publish('打印机脱机', '网络打印机无法连接');
    // A draft linked to the same CI with the same title is never proposed.
    const draft = await t.ok(
      `mutation($i: CreateKnownErrorInput!) { createKnownError(input: $i) { id } }`,
      { i: { title: linked.title, symptoms: linked.title, ciIds: [ci] } },
    );
    const r = (await t.ok(TRIAGE, { i: { text: '端口抖动', failed: [ci] } })).triage;
    expect(r.impact).not.toBeNull();
    const ids = r.knownErrors.map((m: any) => m.knownError.id);
    expect(ids[0]).toBe(linked.id);
    expect(ids).toContain(wordsOnly.id);
    expect(r.knownErrors[0].reasons).toEqual(expect.arrayContaining(['TEXT', 'DIRECT']));
    expect(r.knownErrors[0].score).toBeGreaterThan(1);
    expect(ids).not.toContain(draft.createKnownError.id);
    expect(r.knownErrors.every((m: any) => m.knownError.status === 'PUBLISHED')).toBe(true);
    // Found both ways ranks above found one way, whatever the parts.
    const both = r.knownErrors.filter(
      (m: any) => m.reasons.includes('TEXT') && m.reasons.length > 1,
    );
    const one = r.knownErrors.filter(
      (m: any) => !(m.reasons.includes('TEXT') && m.reasons.length > 1),
    );
    expect(Math.min(...both.map((m: any) => m.score))).toBeGreaterThan(
      Math.max(0, ...one.map((m: any) => m.score)),
    );
    // The same text alone: only TEXT reasons, no impact.
    const textOnly = (await t.ok(TRIAGE, { i: { text: '端口抖动', limit: 1 } })).triage;
    expect(textOnly.impact).toBeNull();
    expect(textOnly.knownErrors.length).toBe(1);
    expect(textOnly.knownErrors.every((m: any) => m.reasons.join() === 'TEXT')).toBe(true);
  });

  it('gives root-cause candidates when two or more services are not OK, and their articles as ROOT_CAUSE', async () => {
    const { services } = await t.ok(
      `{ services(filter: { status: [LIVE] }, first: 50) { edges { node { id } } } }`,
    );
    const two = services.edges.slice(0, 2).map((e: any) => e.node.id);
    const r = (await t.ok(TRIAGE, { i: { failed: two } })).triage;
    expect(r.impact.services.filter((s: any) => s.state !== 'OK').length).toBeGreaterThanOrEqual(2);
    expect(r.rootCauses.length).toBeGreaterThan(0);
    expect(r.rootCauses.length).toBeLessThanOrEqual(5);
    const direct = await t.ok(
      `query($ids: [ID!]!) { rootCauseCandidates(symptoms: $ids, limit: 5) { ci { id } } }`,
      { ids: r.impact.services.filter((s: any) => s.state !== 'OK').map((s: any) => s.service.id) },
    );
    expect(r.rootCauses.map((c: any) => c.ci.id)).toEqual(
      direct.rootCauseCandidates.map((c: any) => c.ci.id),
    );
    const cause = r.rootCauses[0].ci.id;
    const a = await publish('核心设备故障导致多个服务中断', '多个服务同时中断', { ciIds: [cause] });
    const again = (await t.ok(TRIAGE, { i: { failed: two } })).triage;
    const match = again.knownErrors.find((m: any) => m.knownError.id === a.id);
    expect(match.reasons).toContain('ROOT_CAUSE');
    expect(match.reasons).not.toContain('TEXT');
  });

  it('refuses a request with neither text nor component, or out of bounds', async () => {
    expect(errorOf(await t.gql(TRIAGE, { i: {} }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'text',
    });
    expect(errorOf(await t.gql(TRIAGE, { i: { text: 'x', limit: 51 } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'limit',
    });
    expect(errorOf(await t.gql(TRIAGE, { i: { failed: ['nope'] } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
