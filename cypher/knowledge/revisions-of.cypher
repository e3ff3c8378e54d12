// Every saved revision of each article, oldest first.
UNWIND $ids AS id
MATCH (k:Entity:KnownError {id: id})
RETURN id, COLLECT {
  MATCH (k)-[:HAS_REVISION]->(r:KnownErrorRevision)
  RETURN r {.*} ORDER BY r.version
} AS revisions
