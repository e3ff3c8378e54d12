// Stops the Neo4j that global-setup started; its temporary data directory goes with the run.
export default async function globalTeardown() {
  await globalThis.__testNeo4j?.stop();
}
