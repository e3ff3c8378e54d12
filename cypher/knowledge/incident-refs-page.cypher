// The uses of an article that name an incident, newest first, after the cursor (at, use id).
MATCH (:Entity:KnownError {id: $id})<-[:USE_OF]-(u:KnownErrorUse)
WHERE u.incidentRef IS NOT NULL
WITH u ORDER BY u.at DESC, u.id DESC
WITH collect(u) AS found
RETURN size(found) AS total, [u IN found WHERE $afterAt IS NULL OR u.at < datetime($afterAt)
  OR (u.at = datetime($afterAt) AND u.id < $afterId) |
  {id: u.id, ref: u.incidentRef, helpful: u.helpful, usedBy: u.actor, usedAt: toString(u.at), note: u.note}][0..$limit] AS rows
