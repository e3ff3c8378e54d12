// One page of CIs ordered by (name, id) after the cursor, and the total matching the filter.
// $lookup (a Lucene query over the keyword index ci_identifiers, built in code from the asset
// tag, serial number, IP address and identifier filters) narrows the candidates through the index;
// without it every CI is a candidate. The count and the page each have their own candidates, so
// that the page is a top-k sort, never a list of every match.
CALL () {
  CALL () {
    WITH $lookup AS lookup WHERE lookup IS NULL
    MATCH (n:ConfigurationItem)
    RETURN n
    UNION
    WITH $lookup AS lookup WHERE lookup IS NOT NULL
    CALL db.index.fulltext.queryNodes('ci_identifiers', lookup) YIELD node AS n
    RETURN n
  }
  WITH n
  WHERE ($classes IS NULL OR n.ciClass IN $classes)
    AND ($status IS NULL OR n.status IN $status)
    AND ($environment IS NULL OR n.environment IN $environment)
    AND ($criticality IS NULL OR n.criticality IN $criticality)
    AND ($ownerId IS NULL OR EXISTS { (n)-[:OWNED_BY]->(:OrgUnit {id: $ownerId}) })
    AND ($supplierId IS NULL OR EXISTS { (n)-[:SUPPLIED_BY]->(:Supplier {id: $supplierId}) })
    AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
    AND ($tag IS NULL OR $tag IN n.tags)
    AND ($warrantyExpiresBefore IS NULL OR n.warrantyExpiry < date($warrantyExpiresBefore))
  RETURN count(n) AS total
}
CALL () {
  CALL () {
    WITH $lookup AS lookup WHERE lookup IS NULL
    MATCH (n:ConfigurationItem)
    RETURN n
    UNION
    WITH $lookup AS lookup WHERE lookup IS NOT NULL
    CALL db.index.fulltext.queryNodes('ci_identifiers', lookup) YIELD node AS n
    RETURN n
  }
  WITH n
  WHERE ($classes IS NULL OR n.ciClass IN $classes)
    AND ($status IS NULL OR n.status IN $status)
    AND ($environment IS NULL OR n.environment IN $environment)
    AND ($criticality IS NULL OR n.criticality IN $criticality)
    AND ($ownerId IS NULL OR EXISTS { (n)-[:OWNED_BY]->(:OrgUnit {id: $ownerId}) })
    AND ($supplierId IS NULL OR EXISTS { (n)-[:SUPPLIED_BY]->(:Supplier {id: $supplierId}) })
    AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
    AND ($tag IS NULL OR $tag IN n.tags)
    AND ($warrantyExpiresBefore IS NULL OR n.warrantyExpiry < date($warrantyExpiresBefore))
    AND ($afterName IS NULL OR n.name > $afterName OR (n.name = $afterName AND n.id > $afterId))
  WITH n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect({entity: n, labels: labels(n),
    links: [(n)-[r]->(x) WHERE type(r) IN $linkTypes | [type(r), x.id]]}) AS rows
}
RETURN total, rows
