// Writes a change request's changed properties ($props; $plannedStart/$plannedEnd/$actualStart/
// $actualEnd as ISO strings or null for unchanged) and, when $targets is not null, replaces its
// TARGETS edges. Bumps the version.
MATCH (c:Entity {id: $id}) WHERE c:ChangeRequest
SET c += $props, c.version = c.version + 1, c.updatedAt = datetime($now),
  c.plannedStart = coalesce(datetime($plannedStart), c.plannedStart),
  c.plannedEnd = coalesce(datetime($plannedEnd), c.plannedEnd),
  c.actualStart = coalesce(datetime($actualStart), c.actualStart),
  c.actualEnd = coalesce(datetime($actualEnd), c.actualEnd)
WITH c
CALL (c) {
  WITH c WHERE $targets IS NOT NULL
  OPTIONAL MATCH (c)-[r:TARGETS]->()
  DELETE r
}
CALL (c) {
  UNWIND coalesce($targets, []) AS t
  MATCH (x:Entity {id: t.componentId})
  CREATE (c)-[:TARGETS {effect: t.effect}]->(x)
}
RETURN c.version AS version
