// assetSummary: non-retired CIs matching the filter, grouped by $groupBy, with their count, the sum
// of their original values in integer cents (exact) and their warranty states on $today
// (EXPIRING_SOON up to $soon inclusive). $lookup (identifierLookup: asset tag, serial number, IP
// address, identifier) narrows the candidates through the ci_identifiers index, as in ci-page.
// DEPARTMENT groups by the owner, SUPPLIER by the supplier.
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
  WHERE n.status <> 'RETIRED'
    AND ($classes IS NULL OR n.ciClass IN $classes)
    AND ($status IS NULL OR n.status IN $status)
    AND ($environment IS NULL OR n.environment IN $environment)
    AND ($criticality IS NULL OR n.criticality IN $criticality)
    AND ($ownerId IS NULL OR EXISTS { (n)-[:OWNED_BY]->(:OrgUnit {id: $ownerId}) })
    AND ($supplierId IS NULL OR EXISTS { (n)-[:SUPPLIED_BY]->(:Supplier {id: $supplierId}) })
    AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
    AND ($tag IS NULL OR $tag IN n.tags)
    AND ($warrantyExpiresBefore IS NULL OR n.warrantyExpiry < date($warrantyExpiresBefore))
WITH n, CASE $groupBy
    WHEN 'CI_CLASS' THEN n.ciClass
    WHEN 'LOCATION' THEN n.location
    WHEN 'ENVIRONMENT' THEN n.environment
    WHEN 'DEPARTMENT' THEN head([(n)-[:OWNED_BY]->(o:OrgUnit) | o.id])
    ELSE head([(n)-[:SUPPLIED_BY]->(s:Supplier) | s.id])
  END AS key
WITH key,
  CASE WHEN n.warrantyExpiry IS NULL THEN 3
    WHEN n.warrantyExpiry < date($today) THEN 2
    WHEN n.warrantyExpiry <= date($soon) THEN 1
    ELSE 0 END AS warranty,
  toInteger(round(coalesce(n.originalValue, 0.0) * 100)) AS cents
RETURN key, count(*) AS count, sum(cents) AS cents,
  sum(CASE warranty WHEN 0 THEN 1 ELSE 0 END) AS inWarranty,
  sum(CASE warranty WHEN 1 THEN 1 ELSE 0 END) AS expiringSoon,
  sum(CASE warranty WHEN 2 THEN 1 ELSE 0 END) AS expired,
  sum(CASE warranty WHEN 3 THEN 1 ELSE 0 END) AS unknown
