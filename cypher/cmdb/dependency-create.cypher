// Creates one dependency edge; $kind is checked against the allow-list in code.
MATCH (a:Component {id: $fromId}), (b:Component {id: $toId})
FOREACH (_ IN CASE WHEN $kind = 'DEPENDS_ON' THEN [1] ELSE [] END | CREATE (a)-[:DEPENDS_ON {strength: $strength}]->(b))
FOREACH (_ IN CASE WHEN $kind = 'RUNS_ON' THEN [1] ELSE [] END | CREATE (a)-[:RUNS_ON {strength: $strength}]->(b))
FOREACH (_ IN CASE WHEN $kind = 'HOSTED_ON' THEN [1] ELSE [] END | CREATE (a)-[:HOSTED_ON {strength: $strength}]->(b))
FOREACH (_ IN CASE WHEN $kind = 'CONNECTS_TO' THEN [1] ELSE [] END | CREATE (a)-[:CONNECTS_TO {strength: $strength}]->(b))
FOREACH (_ IN CASE WHEN $kind = 'LOCATED_IN' THEN [1] ELSE [] END | CREATE (a)-[:LOCATED_IN {strength: $strength}]->(b))
FOREACH (_ IN CASE WHEN $kind = 'MEMBER' THEN [1] ELSE [] END | CREATE (a)-[:MEMBER {strength: $strength}]->(b))
RETURN count(*) AS created
