// Takes the article's write lock first, so that what is read after it is what this write replaces.
MATCH (k:Entity:KnownError {id: $id})
SET k.version = k.version
RETURN k {.*} AS entity
