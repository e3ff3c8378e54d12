// Every ChangeRecord across the graph, oldest first, after the cursor and within [since, until),
// filtered by entity type, actor and action; and the total matching the filter.
CALL () {
  MATCH (r:ChangeRecord)
  WHERE ($since IS NULL OR r.at >= datetime($since))
    AND ($until IS NULL OR r.at < datetime($until))
    AND ($entityType IS NULL OR r.entityType = $entityType)
    AND ($actor IS NULL OR r.actor = $actor)
    AND ($action IS NULL OR r.action = $action)
  RETURN count(r) AS total
}
CALL () {
  MATCH (r:ChangeRecord)
  WHERE ($since IS NULL OR r.at >= datetime($since))
    AND ($until IS NULL OR r.at < datetime($until))
    AND ($entityType IS NULL OR r.entityType = $entityType)
    AND ($actor IS NULL OR r.actor = $actor)
    AND ($action IS NULL OR r.action = $action)
    AND ($afterAt IS NULL OR r.at > datetime($afterAt) OR (r.at = datetime($afterAt) AND r.id > $afterId))
  WITH r ORDER BY r.at, r.id LIMIT $limit
  RETURN collect({entity: r, labels: labels(r), links: []}) AS rows
}
RETURN total, rows
