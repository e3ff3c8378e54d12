// Creates dependency edges; each row's kind was checked against the allow-list in code.
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId}), (b:Entity {id: row.toId})
CREATE (a)-[:$(row.kind) {strength: row.strength}]->(b)
RETURN count(*) AS created
