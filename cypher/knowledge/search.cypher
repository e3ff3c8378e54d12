// Full-text search: CJK runs against the bigram index, Latin words against the English (stemmed)
// index, an exact article number as a strong hit; scores summed per article, then the filter.
// Each index hands over at most $candidates best hits, which bounds the work per search; `capped`
// says whether one of them had more to give.
CALL () {
  WITH $cjkQuery AS q WHERE q <> ''
  CALL db.index.fulltext.queryNodes('known_error_text_cjk', q, {limit: $candidates}) YIELD node, score
  RETURN node, score, 1 AS cjk, 0 AS en
  UNION ALL
  WITH $enQuery AS q WHERE q <> ''
  CALL db.index.fulltext.queryNodes('known_error_text_en', q, {limit: $candidates}) YIELD node, score
  RETURN node, score, 0 AS cjk, 1 AS en
  UNION ALL
  MATCH (node:KnownError) WHERE node.number IN $numbers
  RETURN node, 100.0 AS score, 0 AS cjk, 0 AS en
}
WITH collect({k: node, score: score}) AS raw, sum(cjk) >= $candidates OR sum(en) >= $candidates AS capped
CALL (raw) {
  UNWIND raw AS r
  WITH r.k AS k, sum(r.score) AS score
  WHERE k.status IN $statuses
    AND ($tags IS NULL OR all(t IN $tags WHERE t IN k.tags))
    AND ($serviceId IS NULL OR EXISTS { (k)-[:APPLIES_TO]->(:Service {id: $serviceId}) })
    AND ($ciClass IS NULL OR EXISTS {
      MATCH (:CIClass {name: $ciClass})-[:SUBCLASS_OF*0..]->(:CIClass)<-[:APPLIES_TO_CLASS]-(k) })
    AND ($ciId IS NULL OR EXISTS { (k)-[:APPLIES_TO]->(:ConfigurationItem {id: $ciId}) }
      OR EXISTS { MATCH (ci:Entity:ConfigurationItem {id: $ciId}), (cls:CIClass {name: ci.ciClass})
        MATCH (cls)-[:SUBCLASS_OF*0..]->(:CIClass)<-[:APPLIES_TO_CLASS]-(k) }
      OR EXISTS { MATCH (k)-[:APPLIES_TO]->(:Service)-[:DEPENDS_ON|RUNS_ON|HOSTED_ON|CONNECTS_TO|LOCATED_IN]->(:ConfigurationItem {id: $ciId}) })
  WITH k, score ORDER BY score DESC, k.number DESC
  // Only the page's articles are projected: a common word can match tens of thousands.
  WITH collect({k: k, score: score}) AS hits
  WITH size(hits) AS total, hits[$offset..($offset + $limit)] AS pageHits
  CALL (pageHits) {
    UNWIND pageHits AS h
    WITH h.k AS k, h.score AS score
    RETURN collect({entity: k {.*}, score: score}) AS page
  }
  RETURN total, page
}
RETURN total, page, capped
