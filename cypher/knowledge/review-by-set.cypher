// Sets the date by which an article is to be reviewed again, and bumps its version.
MATCH (k:Entity:KnownError {id: $id})
SET k.reviewBy = date($reviewBy), k.version = k.version + 1, k.updatedAt = datetime($now)
RETURN k.version AS version
