import { serverAudits } from 'graphql-http';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GraphQL over HTTP conformance (graphql-http server audits)', () => {
  it('passes every MUST audit against the live server', async () => {
    const audits = serverAudits({ url: t.app.url, fetchFn: fetch });
    const failed: string[] = [];
    const warned: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'error' && audit.name.startsWith('MUST'))
        failed.push(`${audit.name}: ${result.reason}`);
      else if (result.status !== 'ok') warned.push(`${audit.name}: ${result.reason}`);
    }
    console.log(
      `graphql-http: ${audits.length} audits, ${failed.length} MUST failures, ${warned.length} others not ok\n${warned.join('\n')}`,
    );
    expect(failed).toEqual([]);
  }, 60000);
});
