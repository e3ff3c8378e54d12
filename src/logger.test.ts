import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

describe('the logger', () => {
  it('never writes a token, key or password it is handed', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    const secret = 'key-secret-0123456789abcdef';
    logger.info(
      { req: { headers: { authorization: `Bearer ${secret}`, cookie: secret } } },
      'request',
    );
    logger.info({ headers: { authorization: `Bearer ${secret}` } }, 'request');
    logger.child({ module: 'x' }).info({ config: { token: secret, apiKey: secret } }, 'config');
    logger.info({
      auth: { jwtSecret: secret },
      meili: { apiKey: secret },
      neo4j: { password: secret },
    });
    logger.info({ metricsToken: secret, password: secret, authorization: secret });
    expect(lines).toHaveLength(5);
    expect(lines.join('')).not.toContain(secret);
    expect(lines.join('')).toContain('[redacted]');
  });
});
