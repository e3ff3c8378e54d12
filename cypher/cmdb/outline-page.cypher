// One page of the stored estate's outline for an import's dry-run report: components in id
// order after the cursor, whether each is a CI and retired, and its dependency edges (target, kind).
MATCH (n:Component)
WHERE n.id > $afterId
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n:ConfigurationItem AS ci, n.status = 'RETIRED' AS retired,
  [(n)-[r]->(d:Component) WHERE type(r) IN $kinds | [d.id, type(r)]] AS out
