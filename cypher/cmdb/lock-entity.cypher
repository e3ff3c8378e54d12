// Takes the entity's write lock first, so that the version read after it is the one this write replaces.
MATCH (n:Entity {id: $id})
SET n.version = n.version
RETURN n.version AS version, labels(n) AS labels
