// Deletes one blackout window; returns how many it deleted.
MATCH (b:Entity {id: $id}) WHERE b:BlackoutWindow
WITH b, b {.*} AS entity
DETACH DELETE b
RETURN entity
