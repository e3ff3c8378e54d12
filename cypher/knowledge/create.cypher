// Creates one article (with the Entity label: ids are unique across entity types).
CREATE (k:Entity:KnownError)
SET k = $props, k.id = $id, k.version = 1, k.createdAt = datetime($now), k.updatedAt = datetime($now)
RETURN k.id AS id
