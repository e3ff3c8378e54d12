// One page of CIs ordered by (name, id) after the cursor, and the total matching the filter.
CALL () {
  MATCH (n:ConfigurationItem)
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
  MATCH (n:ConfigurationItem)
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
    links: [(n)-[r:OWNED_BY|SUPPLIED_BY]->(x) | [type(r), x.id]]}) AS rows
}
RETURN total, rows
