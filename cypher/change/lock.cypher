// Takes a change request's write lock first, so that what is read after it is what this write replaces.
MATCH (c:Entity {id: $id}) WHERE c:ChangeRequest
SET c.version = c.version
RETURN c {.*} AS entity
