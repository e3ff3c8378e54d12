// Creates one change request (with the Entity label: ids are unique across entity types) and its
// TARGETS edges ($targets: [{componentId, effect}], every component checked by the caller).
CREATE (c:Entity:ChangeRequest)
SET c = $props, c.id = $id, c.version = 1, c.createdAt = datetime($now), c.updatedAt = datetime($now),
  c.plannedStart = datetime($plannedStart), c.plannedEnd = datetime($plannedEnd)
WITH c
CALL (c) {
  UNWIND $targets AS t
  MATCH (x:Entity {id: t.componentId})
  CREATE (c)-[:TARGETS {effect: t.effect}]->(x)
}
RETURN c.id AS id
