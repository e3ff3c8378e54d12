// Appends audit records, all at one time $at; written in the same transaction as the change they
// describe.
WITH datetime($at) AS at
UNWIND $records AS c
CREATE (r:ChangeRecord:Entity {id: c.id, at: at, actor: $actor, action: c.action,
  entityType: c.entityType, entityId: c.entityId, changes: c.changes, requestId: $requestId})
RETURN count(r) AS written
