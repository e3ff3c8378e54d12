// A page of change requests matching the filter in planned-start order after the cursor
// (plannedStart, id), and the total. $from/$to select windows overlapping [from, to).
CALL () {
  MATCH (c:ChangeRequest)
  WHERE ($statuses IS NULL OR c.status IN $statuses)
    AND ($types IS NULL OR c.type IN $types)
    AND ($from IS NULL OR c.plannedEnd > datetime($from))
    AND ($to IS NULL OR c.plannedStart < datetime($to))
    AND ($implementerId IS NULL OR c.implementerId = $implementerId)
    AND ($targetId IS NULL OR EXISTS { (c)-[:TARGETS]->(:Entity {id: $targetId}) })
  RETURN c
}
WITH c ORDER BY c.plannedStart, c.id
WITH collect(c) AS found
RETURN size(found) AS total, [c IN found WHERE $afterStart IS NULL OR c.plannedStart > datetime($afterStart)
  OR (c.plannedStart = datetime($afterStart) AND c.id > $afterId) | c {.*}][0..$limit] AS rows
