// The changes in progress, or approved with a window containing $now: planned outages right now.
MATCH (c:ChangeRequest)
WHERE c.status = 'IN_PROGRESS'
  OR (c.status = 'APPROVED' AND c.plannedStart <= datetime($now) AND c.plannedEnd > datetime($now))
RETURN c {.*} AS entity
ORDER BY c.plannedStart, c.id
