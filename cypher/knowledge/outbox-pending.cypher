// The oldest pending outbox entries, for the relay.
MATCH (o:SearchOutbox)
WITH o ORDER BY o.at, o.id LIMIT $limit
RETURN o.id AS id, o.articleId AS articleId
