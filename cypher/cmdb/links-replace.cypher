// Replaces each row's reference links of the given $types with row.links: [{type, targetId}]
// (types from the LINKS allow-list in code).
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
CALL (n) {
  OPTIONAL MATCH (n)-[r]->()
  WITH r WHERE type(r) IN $types
  DELETE r
}
WITH n, row
UNWIND row.links AS l
MATCH (t:Entity {id: l.targetId})
CREATE (n)-[:$(l.type)]->(t)
RETURN count(*) AS linked
