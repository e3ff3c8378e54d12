// The inputs of an impact analysis: which exist as components, and whether each is retired.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n:Component
RETURN n.id AS id, n.status = 'RETIRED' AS retired, n.minMembersUp AS minMembersUp, n:Service AS service,
  COUNT { (n)-[:MEMBER]->(x) WHERE x.status <> 'RETIRED' } AS memberCount
