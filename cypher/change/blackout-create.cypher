// Creates one blackout window (its services, checked by the caller, as a list of ids).
CREATE (b:Entity:BlackoutWindow)
SET b = $props, b.id = $id, b.start = datetime($start), b.end = datetime($end),
  b.createdAt = datetime($now), b.updatedAt = datetime($now), b.version = 1
RETURN b.id AS id
