import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      logLevel: 'info',
      nodeEnv: 'development',
      seedDemo: true,
      authMode: 'dev',
    });
    expect(c.neo4j).toMatchObject({
      uri: undefined,
      user: 'neo4j',
      database: 'neo4j',
      transactionTimeoutMs: 30000,
    });
    expect(c.impactIndexMaxAgeMs).toBe(0);
  });

  it('lists every bad value at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        NEO4J_URI: 'http://x',
        SEED_DEMO: 'perhaps',
        IMPACT_INDEX_MAX_AGE_MS: '-5',
      });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toHaveLength(5);
    }
  });

  it('refuses the development mode on an address other machines can reach', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/loopback/);
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
  });
});

describe('loadConfig for token authentication', () => {
  it('makes token mode the production default, and needs a way to sign in', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/API_KEYS_FILE/);
    const c = loadConfig({ NODE_ENV: 'production', HOST: '0.0.0.0', API_KEYS_FILE: 'keys.json' });
    expect(c.authMode).toBe('token');
    expect(c.auth.jwtRolesClaim).toBe('roles');
  });

  it('lets the command-line tools run in production without a way to sign in (they serve nothing)', () => {
    expect(loadConfig({ NODE_ENV: 'production' }, { serving: false }).authMode).toBe('token');
    expect(loadConfig({ HOST: '0.0.0.0' }, { serving: false }).authMode).toBe('dev');
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' }, { serving: false }),
    ).toThrow(/32/);
  });

  it('refuses a short JWT secret', () => {
    expect(() => loadConfig({ AUTH_MODE: 'token', JWT_SECRET: 'short' })).toThrow(/32/);
  });

  it('reads secrets from *_FILE, never together with the plain variable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cmdb-secrets-'));
    try {
      const file = (name: string, text: string) => {
        writeFileSync(path.join(dir, name), text);
        return path.join(dir, name);
      };
      const c = loadConfig({
        NEO4J_PASSWORD_FILE: file('neo4j', 'from-a-file\n'),
        JWT_SECRET_FILE: file('jwt', 'a-jwt-secret-of-at-least-32-characters'),
        MEILI_API_KEY_FILE: file('meili', 'meili-key'),
        METRICS_TOKEN_FILE: file('metrics', 'metrics-token-0123456789'),
      });
      expect(c.neo4j.password).toBe('from-a-file');
      expect(c.auth.jwtSecret).toBe('a-jwt-secret-of-at-least-32-characters');
      expect(c.meili.apiKey).toBe('meili-key');
      expect(c.metricsToken).toBe('metrics-token-0123456789');
      expect(() =>
        loadConfig({ NEO4J_PASSWORD: 'x', NEO4J_PASSWORD_FILE: file('p', 'y') }),
      ).toThrow(/NEO4J_PASSWORD and NEO4J_PASSWORD_FILE are both set/);
      expect(() => loadConfig({ JWT_SECRET_FILE: path.join(dir, 'missing') })).toThrow(
        /JWT_SECRET_FILE=.* cannot be read/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the development mode in production, bad origins, proxies and short metrics tokens', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(
      /NODE_ENV=production with AUTH_MODE=dev/,
    );
    expect(() => loadConfig({ CORS_ORIGINS: 'https://ok.example.gov.cn, not an origin' })).toThrow(
      /CORS_ORIGINS/,
    );
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.1,proxy.local' })).toThrow(
      /TRUSTED_PROXIES/,
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.gov.cn,http://b:8080' }).corsOrigins).toEqual([
      'https://a.gov.cn',
      'http://b:8080',
    ]);
  });
});
