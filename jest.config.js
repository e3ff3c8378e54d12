/** Two tiers: unit tests next to the code (no I/O) and integration tests in test/ against a real Neo4j. */
const tsJest = ['ts-jest', { useESM: true, diagnostics: false, tsconfig: 'tsconfig.json' }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};

export default {
  // One Neo4j Community database serves the whole integration run and files reset it, so test
  // files run one at a time (unit tests are fast enough that this costs nothing).
  maxWorkers: 1,
  // Integration tests talk to a real Neo4j on a shared 2-core machine.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/src/**/*.test.ts',
        '<rootDir>/web/src/**/*.test.ts',
        '<rootDir>/tools/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
