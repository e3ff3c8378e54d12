// Saves the article's current text as a revision of its current version.
MATCH (k:KnownError {id: $id})
CREATE (k)-[:HAS_REVISION]->(r:KnownErrorRevision)
SET r.version = k.version, r.title = k.title, r.symptoms = k.symptoms, r.cause = k.cause,
  r.workaround = k.workaround, r.resolution = k.resolution, r.editedBy = $editedBy,
  r.editedAt = datetime($now), r.changeNote = $changeNote
RETURN r.version AS version
