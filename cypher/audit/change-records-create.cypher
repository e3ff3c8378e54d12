// Appends audit records; written in the same transaction as the change they describe.
UNWIND $records AS c
CREATE (r:ChangeRecord:Entity {id: c.id, at: datetime(c.at), actor: c.actor, action: c.action,
  entityType: c.entityType, entityId: c.entityId, changes: c.changes, requestId: c.requestId})
RETURN count(r) AS written
