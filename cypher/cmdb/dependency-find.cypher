// The stored strength of each asked dependency edge (fromId, toId, kind) that exists.
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId})-[r]->(b:Entity {id: row.toId})
WHERE type(r) = row.kind AND a:Component AND b:Component
RETURN row.fromId AS fromId, row.toId AS toId, row.kind AS kind, r.strength AS strength
