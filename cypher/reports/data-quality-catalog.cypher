// dataQuality's service and known-error checks: how many each covers, how many fail it and the
// first failing ids (by id, at most $sample). Non-retired services and known errors only.
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
RETURN services, size(noSla) AS noSlaCount, noSla[..$sample] AS noSla,
  size(noProvider) AS noProviderCount, noProvider[..$sample] AS noProvider,
  size(noConsumers) AS noConsumersCount, noConsumers[..$sample] AS noConsumers,
  knownErrors, size(needsReview) AS needsReviewCount, needsReview[..$sample] AS needsReview
