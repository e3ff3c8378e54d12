// Deletes the dependency edge of a kind between two components; returns how many were deleted.
MATCH (a:Entity {id: $fromId})-[r]->(b:Entity {id: $toId})
WHERE type(r) = $kind AND a:Component AND b:Component
DELETE r
RETURN count(r) AS deleted
