// Writes an article's new field values and bumps its version; $props holds every stored field.
MATCH (k:Entity:KnownError {id: $id})
SET k += $props, k.version = k.version + 1, k.updatedAt = datetime($now)
RETURN k.version AS version
