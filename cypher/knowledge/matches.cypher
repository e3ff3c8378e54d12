// Published articles matching each component: linked to it (DIRECT), to its class or a
// superclass (CI_CLASS), or to a service that depends on it directly (SERVICE).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (k:KnownError {status: 'PUBLISHED'})-[:APPLIES_TO]->(n)
  RETURN k, 'DIRECT' AS reason
  UNION
  MATCH (cls:CIClass {name: n.ciClass})-[:SUBCLASS_OF*0..]->(:CIClass)<-[:APPLIES_TO_CLASS]-(k:KnownError {status: 'PUBLISHED'})
  RETURN k, 'CI_CLASS' AS reason
  UNION
  MATCH (n:ConfigurationItem)<-[:DEPENDS_ON|RUNS_ON|HOSTED_ON|CONNECTS_TO|LOCATED_IN]-(:Service)<-[:APPLIES_TO]-(k:KnownError {status: 'PUBLISHED'})
  RETURN k, 'SERVICE' AS reason
}
WITH id, k, collect(reason) AS reasons
ORDER BY k.createdAt DESC, k.id DESC
RETURN id, collect({id: k.id, reason: CASE
  WHEN 'DIRECT' IN reasons THEN 'DIRECT' WHEN 'CI_CLASS' IN reasons THEN 'CI_CLASS' ELSE 'SERVICE' END
}) AS matches
