// Records that an article changed, in the writing transaction, for the Meilisearch relay.
CREATE (o:SearchOutbox {id: $outboxId, articleId: $articleId, at: datetime($now)})
RETURN o.id AS id
