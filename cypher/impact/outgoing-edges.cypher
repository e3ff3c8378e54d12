// One wave of an upstream walk (what components need, transitively): the dependency edges out of
// each component, with what the engine needs of their targets.
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]->(d:Component)
WHERE type(r) IN $kinds
RETURN id AS fromId, d.id AS toId, type(r) = 'MEMBER' AS member, r.strength = 'HARD' AS hard,
  d.status = 'RETIRED' AS retired, d.minMembersUp AS minMembersUp, d:Service AS service
