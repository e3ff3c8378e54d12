// A page of articles matching the filter, newest first, after the cursor (createdAt, id).
CALL () {
  MATCH (k:KnownError)
  WHERE ($statuses IS NULL OR k.status IN $statuses)
    AND ($tags IS NULL OR all(t IN $tags WHERE t IN k.tags))
    AND ($serviceId IS NULL OR EXISTS { (k)-[:APPLIES_TO]->(:Service {id: $serviceId}) })
    AND ($ciClass IS NULL OR EXISTS {
      MATCH (:CIClass {name: $ciClass})-[:SUBCLASS_OF*0..]->(:CIClass)<-[:APPLIES_TO_CLASS]-(k) })
    AND ($ciId IS NULL OR EXISTS { (k)-[:APPLIES_TO]->(:ConfigurationItem {id: $ciId}) }
      OR EXISTS { MATCH (ci:ConfigurationItem {id: $ciId}), (cls:CIClass {name: ci.ciClass})
        MATCH (cls)-[:SUBCLASS_OF*0..]->(:CIClass)<-[:APPLIES_TO_CLASS]-(k) }
      OR EXISTS { MATCH (k)-[:APPLIES_TO]->(:Service)-[:DEPENDS_ON|RUNS_ON|HOSTED_ON|CONNECTS_TO|LOCATED_IN]->(:ConfigurationItem {id: $ciId}) })
  RETURN k
}
WITH k ORDER BY k.createdAt DESC, k.id DESC
WITH collect(k) AS found
RETURN size(found) AS total, [k IN found WHERE $afterAt IS NULL OR k.createdAt < datetime($afterAt)
  OR (k.createdAt = datetime($afterAt) AND k.id < $afterId) | k {.*}][0..$limit] AS rows
