// Creates the reference links of entities that have none yet (just created): row.links [{type, targetId}].
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
UNWIND row.links AS l
MATCH (t:Entity {id: l.targetId})
CREATE (n)-[:$(l.type)]->(t)
RETURN count(*) AS linked
