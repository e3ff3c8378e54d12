// Deletes the dependency edge of a kind between two components; returns how many were deleted.
MATCH (a:Component {id: $fromId})-[r]->(b:Component {id: $toId})
WHERE type(r) = $kind
DELETE r
RETURN count(r) AS deleted
