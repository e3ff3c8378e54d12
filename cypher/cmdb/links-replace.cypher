// Replaces each row's reference links of the given $types with row.links: [{type, targetId}].
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
CALL (n) {
  OPTIONAL MATCH (n)-[r:OWNED_BY|SUPPLIED_BY|PROVIDED_BY|CONSUMED_BY|PART_OF]->()
  WITH r WHERE type(r) IN $types
  DELETE r
}
WITH n, row
UNWIND row.links AS l
MATCH (t:Entity {id: l.targetId})
FOREACH (_ IN CASE WHEN l.type = 'OWNED_BY' THEN [1] ELSE [] END | CREATE (n)-[:OWNED_BY]->(t))
FOREACH (_ IN CASE WHEN l.type = 'SUPPLIED_BY' THEN [1] ELSE [] END | CREATE (n)-[:SUPPLIED_BY]->(t))
FOREACH (_ IN CASE WHEN l.type = 'PROVIDED_BY' THEN [1] ELSE [] END | CREATE (n)-[:PROVIDED_BY]->(t))
FOREACH (_ IN CASE WHEN l.type = 'CONSUMED_BY' THEN [1] ELSE [] END | CREATE (n)-[:CONSUMED_BY]->(t))
FOREACH (_ IN CASE WHEN l.type = 'PART_OF' THEN [1] ELSE [] END | CREATE (n)-[:PART_OF]->(t))
RETURN count(*) AS linked
