// Creates dependency edges; each row's kind is checked against the allow-list in code.
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId}), (b:Entity {id: row.toId})
FOREACH (_ IN CASE WHEN row.kind = 'DEPENDS_ON' THEN [1] ELSE [] END | CREATE (a)-[:DEPENDS_ON {strength: row.strength}]->(b))
FOREACH (_ IN CASE WHEN row.kind = 'RUNS_ON' THEN [1] ELSE [] END | CREATE (a)-[:RUNS_ON {strength: row.strength}]->(b))
FOREACH (_ IN CASE WHEN row.kind = 'HOSTED_ON' THEN [1] ELSE [] END | CREATE (a)-[:HOSTED_ON {strength: row.strength}]->(b))
FOREACH (_ IN CASE WHEN row.kind = 'CONNECTS_TO' THEN [1] ELSE [] END | CREATE (a)-[:CONNECTS_TO {strength: row.strength}]->(b))
FOREACH (_ IN CASE WHEN row.kind = 'LOCATED_IN' THEN [1] ELSE [] END | CREATE (a)-[:LOCATED_IN {strength: row.strength}]->(b))
FOREACH (_ IN CASE WHEN row.kind = 'MEMBER' THEN [1] ELSE [] END | CREATE (a)-[:MEMBER {strength: row.strength}]->(b))
RETURN count(*) AS created
