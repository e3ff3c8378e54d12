// The changes scheduled ($statuses: SUBMITTED, APPROVED, IN_PROGRESS) whose windows overlap
// [from, to), in planned-start order.
MATCH (c:ChangeRequest)
WHERE c.plannedStart < datetime($to) AND c.plannedEnd > datetime($from) AND c.status IN $statuses
RETURN c {.*} AS entity
ORDER BY c.plannedStart, c.id
