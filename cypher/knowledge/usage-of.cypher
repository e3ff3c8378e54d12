// For each article: its recorded uses (how many, how many helped, the last), and whether a CI it
// applies to is retired (two of needsReview's three rules read these).
UNWIND $ids AS id
OPTIONAL MATCH (k:Entity:KnownError {id: id})
RETURN id,
  COUNT { (k)<-[:USE_OF]-(:KnownErrorUse) } AS uses,
  COUNT { (k)<-[:USE_OF]-(u:KnownErrorUse) WHERE u.helpful } AS helpful,
  COLLECT { MATCH (k)<-[:USE_OF]-(u:KnownErrorUse) RETURN toString(u.at) AS at ORDER BY u.at DESC LIMIT 1 }[0] AS lastUsedAt,
  EXISTS { (k)-[:APPLIES_TO]->(:ConfigurationItem {status: 'RETIRED'}) } AS affectedRetired
