// The given components as the in-memory topology index takes them (as impact/topology-page does),
// for a catch-up from the change records; ids that are not components have no row.
MATCH (n:Entity)
WHERE n.id IN $ids AND n:Component
RETURN n.id AS id, n:Service AS service, n.status = 'RETIRED' AS retired, n.minMembersUp AS minMembersUp,
  [(n)-[r]->(d:Component) WHERE type(r) IN $kinds | [d.id, type(r) = 'MEMBER', r.strength = 'HARD']] AS out
