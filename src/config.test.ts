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
});
