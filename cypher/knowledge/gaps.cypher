// knowledgeGaps' base: for every live service and every CI class, the recorded uses of articles
// that apply to it and did not help (and the distinct incidents those name), and how many published
// articles apply to it. An article applies to a service when linked to it or to a CI it depends on
// directly; to a class when linked to it or to a CI of that class.
CALL () {
  MATCH (s:Service) WHERE s.status <> 'RETIRED'
  WITH s, COLLECT {
      MATCH (k:KnownError)-[:APPLIES_TO]->(s) RETURN k
      UNION
      MATCH (k:KnownError)-[:APPLIES_TO]->(:ConfigurationItem)<-[:DEPENDS_ON|RUNS_ON|HOSTED_ON|CONNECTS_TO|LOCATED_IN]-(s) RETURN k
    } AS articles
  RETURN 'SERVICE' AS kind, s.id AS id, articles
  UNION ALL
  MATCH (c:CIClass)
  WITH c, COLLECT {
      MATCH (k:KnownError)-[:APPLIES_TO_CLASS]->(c) RETURN k
      UNION
      MATCH (k:KnownError)-[:APPLIES_TO]->(ci:ConfigurationItem) WHERE ci.ciClass = c.name RETURN k
    } AS articles
  RETURN 'CI_CLASS' AS kind, c.name AS id, articles
}
WITH kind, id, articles,
  [k IN articles WHERE k.status = 'PUBLISHED'] AS published,
  COLLECT { UNWIND articles AS k MATCH (u:KnownErrorUse)-[:USE_OF]->(k) WHERE NOT u.helpful RETURN u } AS unhelpful
RETURN kind, id, size(published) AS publishedArticles, size(unhelpful) AS unhelpfulUses,
  size(COLLECT { UNWIND unhelpful AS u WITH u WHERE u.incidentRef IS NOT NULL RETURN DISTINCT u.incidentRef }) AS incidents
