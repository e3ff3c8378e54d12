// Changes the strength of existing dependency edges.
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId})-[r]->(b:Entity {id: row.toId})
WHERE type(r) = row.kind
SET r.strength = row.strength
RETURN count(r) AS updated
