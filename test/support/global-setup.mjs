// Starts one Neo4j for the whole integration run; test files find it through TEST_NEO4J_*.
// Plain ESM: Jest loads global setup outside its transform, so the TypeScript launcher comes in through tsx.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { neo4jForTests } = await tsImport('./neo4j-for-tests.ts', import.meta.url);
  const neo4j = await neo4jForTests();
  process.env.TEST_NEO4J_URI = neo4j.uri;
  process.env.TEST_NEO4J_USER = neo4j.user;
  process.env.TEST_NEO4J_PASSWORD = neo4j.password;
  console.log(`\nintegration tests use Neo4j from ${neo4j.source} at ${neo4j.uri}`);
  globalThis.__testNeo4j = neo4j;
}
