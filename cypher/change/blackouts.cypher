// Blackout windows overlapping [from, to) (every one when both are null), in start order.
MATCH (b:BlackoutWindow)
WHERE ($to IS NULL OR b.start < datetime($to)) AND ($from IS NULL OR b.end > datetime($from))
RETURN b {.*} AS entity
ORDER BY b.start, b.id
