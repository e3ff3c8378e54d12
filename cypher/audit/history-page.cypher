// The audit trail of one entity, newest first, after the cursor.
CALL () {
  MATCH (r:ChangeRecord {entityId: $entityId})
  RETURN count(r) AS total
}
CALL () {
  MATCH (r:ChangeRecord {entityId: $entityId})
  WHERE $afterAt IS NULL OR r.at < datetime($afterAt) OR (r.at = datetime($afterAt) AND r.id < $afterId)
  WITH r ORDER BY r.at DESC, r.id DESC LIMIT $limit
  RETURN collect({entity: r, labels: labels(r), links: []}) AS rows
}
RETURN total, rows
