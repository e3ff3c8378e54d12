// dataQuality's CI checks (when the asset ledger is not current, reports/ledger.ts): non-retired
// CIs, how many fail each check and the first failing ids (by id, at most $sample).
MATCH (n:ConfigurationItem) WHERE n.status <> 'RETIRED'
WITH n,
  NOT EXISTS { (n)-[:OWNED_BY]->() } AS noOwner,
  NOT EXISTS { (n)-[:SUPPLIED_BY]->() } AS noSupplier,
  n.assetTag IS NULL AND n.serialNumber IS NULL AND n.purchaseDate IS NULL
    AND n.originalValue IS NULL AND n.warrantyExpiry IS NULL AS noAsset,
  NOT EXISTS { (n)-[:DEPENDS_ON|RUNS_ON|HOSTED_ON|CONNECTS_TO|LOCATED_IN|MEMBER]-() } AS orphan
ORDER BY n.id
WITH count(n) AS cis,
  collect(CASE WHEN noOwner THEN n.id END) AS noOwner,
  collect(CASE WHEN noSupplier THEN n.id END) AS noSupplier,
  collect(CASE WHEN noAsset THEN n.id END) AS noAsset,
  collect(CASE WHEN orphan THEN n.id END) AS orphans
RETURN cis, size(noOwner) AS noOwnerCount, noOwner[..$sample] AS noOwner,
  size(noSupplier) AS noSupplierCount, noSupplier[..$sample] AS noSupplier,
  size(noAsset) AS noAssetCount, noAsset[..$sample] AS noAsset,
  size(orphans) AS orphanCount, orphans[..$sample] AS orphans
