// One page of the whole dependency graph for the in-memory topology index: components in id
// order after the cursor, each with what the engine needs and its outgoing dependency edges, and
// for a CI what the reports aggregate (the asset ledger, reports/ledger.ts): class, status,
// environment, criticality, location, owner and supplier ids, original value in integer cents,
// warranty expiry, and whether it has no asset data at all.
MATCH (n:Entity)
WHERE n.id > $afterId AND n:Component
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n:Service AS service, n.status = 'RETIRED' AS retired, n.minMembersUp AS minMembersUp,
  [(n)-[r]->(d:Component) WHERE type(r) IN $kinds | [d.id, type(r) = 'MEMBER', r.strength = 'HARD']] AS out,
  CASE WHEN n:ConfigurationItem THEN [n.ciClass, n.status, n.environment, n.criticality, n.location,
    head([(n)-[:OWNED_BY]->(o:OrgUnit) | o.id]), head([(n)-[:SUPPLIED_BY]->(s:Supplier) | s.id]),
    toInteger(round(coalesce(n.originalValue, 0.0) * 100)), toString(n.warrantyExpiry),
    n.assetTag IS NULL AND n.serialNumber IS NULL AND n.purchaseDate IS NULL
      AND n.originalValue IS NULL AND n.warrantyExpiry IS NULL] END AS asset
