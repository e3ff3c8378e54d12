// One page of services ordered by (name, id) after the cursor, and the total matching the filter,
// each with its reference links ($linkTypes: the LINKS allow-list in code).
CALL () {
  MATCH (n:Service)
  WHERE ($category IS NULL OR n.category IN $category)
    AND ($kind IS NULL OR n.kind IN $kind)
    AND ($status IS NULL OR n.status IN $status)
    AND ($consumerId IS NULL OR EXISTS { (n)-[:CONSUMED_BY]->(:OrgUnit {id: $consumerId}) })
    AND ($providerId IS NULL OR EXISTS { (n)-[:PROVIDED_BY]->(:Supplier {id: $providerId}) })
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Service)
  WHERE ($category IS NULL OR n.category IN $category)
    AND ($kind IS NULL OR n.kind IN $kind)
    AND ($status IS NULL OR n.status IN $status)
    AND ($consumerId IS NULL OR EXISTS { (n)-[:CONSUMED_BY]->(:OrgUnit {id: $consumerId}) })
    AND ($providerId IS NULL OR EXISTS { (n)-[:PROVIDED_BY]->(:Supplier {id: $providerId}) })
    AND ($afterName IS NULL OR n.name > $afterName OR (n.name = $afterName AND n.id > $afterId))
  WITH n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect({entity: n, labels: labels(n),
    links: [(n)-[r]->(x) WHERE type(r) IN $linkTypes | [type(r), x.id]]}) AS rows
}
RETURN total, rows
