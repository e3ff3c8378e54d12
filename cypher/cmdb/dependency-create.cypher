// Creates dependency edges of one $kind (checked against the allow-list in code) and one
// $strength; each pair is [fromId, toId], which keeps a batch of hundreds of thousands compact.
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]}), (b:Entity {id: pair[1]})
CREATE (a)-[:$($kind) {strength: $strength}]->(b)
RETURN count(*) AS created
