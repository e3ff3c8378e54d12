// dataQuality: for each check, how many entities it covers, how many fail it and the first
// failing ids (by id, at most $sample). Non-retired CIs and services only.
CALL () {
  MATCH (n:ConfigurationItem) WHERE n.status <> 'RETIRED'
  WITH n,
    NOT EXISTS { (n)-[:OWNED_BY]->() } AS noOwner,
    NOT EXISTS { (n)-[:SUPPLIED_BY]->() } AS noSupplier,
    n.assetTag IS NULL AND n.serialNumber IS NULL AND n.purchaseDate IS NULL
      AND n.originalValue IS NULL AND n.warrantyExpiry IS NULL AS noAsset,
    NOT EXISTS { (n)-[:DEPENDS_ON|RUNS_ON|HOSTED_ON|CONNECTS_TO|LOCATED_IN|MEMBER]-() } AS orphan
  ORDER BY n.id
  RETURN count(n) AS cis,
    collect(CASE WHEN noOwner THEN n.id END) AS noOwner,
    collect(CASE WHEN noSupplier THEN n.id END) AS noSupplier,
    collect(CASE WHEN noAsset THEN n.id END) AS noAsset,
    collect(CASE WHEN orphan THEN n.id END) AS orphans
}
CALL () {
  MATCH (s:Service) WHERE s.status <> 'RETIRED'
  WITH s ORDER BY s.id
  RETURN count(s) AS services,
    collect(CASE WHEN s.sla IS NULL THEN s.id END) AS noSla,
    collect(CASE WHEN NOT EXISTS { (s)-[:PROVIDED_BY]->() } THEN s.id END) AS noProvider,
    collect(CASE WHEN NOT EXISTS { (s)-[:CONSUMED_BY]->() } THEN s.id END) AS noConsumers
}
CALL () {
  MATCH (k:KnownError) WHERE k.status <> 'RETIRED'
  WITH k ORDER BY k.id
  RETURN count(k) AS knownErrors,
    collect(CASE WHEN k.status = 'IN_REVIEW' OR k.pendingStatus = 'IN_REVIEW' THEN k.id END) AS needsReview
}
RETURN cis, size(noOwner) AS noOwnerCount, noOwner[..$sample] AS noOwner,
  size(noSupplier) AS noSupplierCount, noSupplier[..$sample] AS noSupplier,
  size(noAsset) AS noAssetCount, noAsset[..$sample] AS noAsset,
  size(orphans) AS orphanCount, orphans[..$sample] AS orphans,
  services, size(noSla) AS noSlaCount, noSla[..$sample] AS noSla,
  size(noProvider) AS noProviderCount, noProvider[..$sample] AS noProvider,
  size(noConsumers) AS noConsumersCount, noConsumers[..$sample] AS noConsumers,
  knownErrors, size(needsReview) AS needsReviewCount, needsReview[..$sample] AS needsReview
