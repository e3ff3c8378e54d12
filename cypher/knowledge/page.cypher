// A page of articles matching the filter, newest first, after the cursor (createdAt, id).
// $needsReview (null: either) applies the rules of knowledge/review.ts on $today.
CALL () {
  MATCH (k:KnownError)
  WHERE ($statuses IS NULL OR k.status IN $statuses)
    AND ($tags IS NULL OR all(t IN $tags WHERE t IN k.tags))
    AND ($serviceId IS NULL OR EXISTS { (k)-[:APPLIES_TO]->(:Service {id: $serviceId}) })
    AND ($ciClass IS NULL OR EXISTS {
      MATCH (:CIClass {name: $ciClass})-[:SUBCLASS_OF*0..]->(:CIClass)<-[:APPLIES_TO_CLASS]-(k) })
    AND ($ciId IS NULL OR EXISTS { (k)-[:APPLIES_TO]->(:ConfigurationItem {id: $ciId}) }
      OR EXISTS { MATCH (ci:Entity:ConfigurationItem {id: $ciId}), (cls:CIClass {name: ci.ciClass})
        MATCH (cls)-[:SUBCLASS_OF*0..]->(:CIClass)<-[:APPLIES_TO_CLASS]-(k) }
      OR EXISTS { MATCH (k)-[:APPLIES_TO]->(:Service)-[:DEPENDS_ON|RUNS_ON|HOSTED_ON|CONNECTS_TO|LOCATED_IN]->(:ConfigurationItem {id: $ciId}) })
    AND ($needsReview IS NULL OR $needsReview = (k.status <> 'RETIRED' AND (
      coalesce(coalesce(toString(k.reviewBy), CASE WHEN k.publishedAt IS NOT NULL
        THEN toString(date(left(toString(k.publishedAt), 10)) + duration('P1Y')) END) < $today, false)
      OR EXISTS { (k)-[:APPLIES_TO]->(:ConfigurationItem {status: 'RETIRED'}) }
      OR (COUNT { (k)<-[:USE_OF]-(:KnownErrorUse) } >= 3
        AND 3 * COUNT { (k)<-[:USE_OF]-(u:KnownErrorUse) WHERE NOT u.helpful }
          > COUNT { (k)<-[:USE_OF]-(:KnownErrorUse) }))))
  RETURN k
}
WITH k ORDER BY k.createdAt DESC, k.id DESC
WITH collect(k) AS found
RETURN size(found) AS total, [k IN found WHERE $afterAt IS NULL OR k.createdAt < datetime($afterAt)
  OR (k.createdAt = datetime($afterAt) AND k.id < $afterId) | k {.*}][0..$limit] AS rows
