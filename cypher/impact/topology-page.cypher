// One page of the whole dependency graph for the in-memory topology index: components in id
// order after the cursor, each with what the engine needs and its outgoing dependency edges.
MATCH (n:Entity)
WHERE n.id > $afterId AND n:Component
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n:Service AS service, n.status = 'RETIRED' AS retired, n.minMembersUp AS minMembersUp,
  [(n)-[r]->(d:Component) WHERE type(r) IN $kinds | [d.id, type(r) = 'MEMBER', r.strength = 'HARD']] AS out
