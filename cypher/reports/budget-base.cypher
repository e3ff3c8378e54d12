// budgetEstimate's base: non-retired CIs by class and owner department, with their count, original
// values and the original values of those whose warranty expired before $today (integer cents).
MATCH (n:ConfigurationItem)
WHERE n.status <> 'RETIRED'
WITH n.ciClass AS ciClass, head([(n)-[:OWNED_BY]->(o:OrgUnit) | o.id]) AS ownerId,
  toInteger(round(coalesce(n.originalValue, 0.0) * 100)) AS cents,
  n.warrantyExpiry IS NOT NULL AND n.warrantyExpiry < date($today) AS expired
RETURN ciClass, ownerId, count(*) AS units, sum(cents) AS cents,
  sum(CASE WHEN expired THEN cents ELSE 0 END) AS expiredCents
