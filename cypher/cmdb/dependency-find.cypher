// The dependency edge of a kind between two components, if any.
MATCH (a:Component {id: $fromId})-[r]->(b:Component {id: $toId})
WHERE type(r) = $kind
RETURN r.strength AS strength
