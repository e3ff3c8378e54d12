// Creates entities, one per row, with the $labels of their type (a fixed allow-list in code), and
// the reference links each row brings, row.links [{type, targetId}] (targets already written).
WITH datetime($now) AS now
UNWIND $rows AS row
CREATE (n:$($labels))
SET n = row.props, n.id = row.id, n.version = 1, n.createdAt = now, n.updatedAt = now
WITH n, row
CALL (n, row) {
  UNWIND row.links AS l
  MATCH (t:Entity {id: l.targetId})
  CREATE (n)-[:$(l.type)]->(t)
}
RETURN count(n) AS created
