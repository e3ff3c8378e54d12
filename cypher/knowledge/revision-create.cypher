// Saves a revision of the article at its current version with the given text ($text: title,
// symptoms, cause, workaround, resolution): the article's own text, or a pending edit's.
MATCH (k:Entity:KnownError {id: $id})
CREATE (k)-[:HAS_REVISION]->(r:KnownErrorRevision)
SET r += $text, r.version = k.version, r.editedBy = $editedBy, r.editedAt = datetime($now),
  r.changeNote = $changeNote
RETURN r.version AS version
