// One wave of the impact walk: the dependency edges into each component, with what the engine
// needs of their sources (retired, k of a group, its non-retired member count).
UNWIND $ids AS id
MATCH (d:Entity {id: id})<-[r]-(n:Component)
WHERE type(r) IN $kinds
RETURN id AS toId, n.id AS fromId, type(r) = 'MEMBER' AS member, r.strength = 'HARD' AS hard,
  n.status = 'RETIRED' AS retired, n.minMembersUp AS minMembersUp, n:Service AS service,
  CASE WHEN n.minMembersUp IS NULL THEN 0
    ELSE COUNT { (n)-[:MEMBER]->(x) WHERE x.status <> 'RETIRED' }
  END AS memberCount
