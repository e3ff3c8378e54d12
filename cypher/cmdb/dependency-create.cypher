// Creates dependency edges of one $kind (checked against the allow-list in code) and one
// $strength; each group is [fromId, [toId, ...]]: one lookup per source and a compact batch.
UNWIND $groups AS g
MATCH (a:Entity {id: g[0]})
UNWIND g[1] AS toId
MATCH (b:Entity {id: toId})
CREATE (a)-[:$($kind) {strength: $strength}]->(b)
RETURN count(*) AS created
