// Writes changed properties (null removes one) and bumps the version; the caller holds the lock.
MATCH (n:Entity {id: $id})
SET n += $props, n.version = n.version + 1, n.updatedAt = datetime($now)
RETURN n.version AS version
