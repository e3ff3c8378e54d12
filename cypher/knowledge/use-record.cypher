// Records that an article was applied to an incident, and whether it helped.
MATCH (k:Entity:KnownError {id: $id})
CREATE (u:KnownErrorUse {id: $useId, at: datetime($now), actor: $actor, helpful: $helpful,
  incidentRef: $incidentRef, note: $note})-[:USE_OF]->(k)
RETURN u.id AS id
