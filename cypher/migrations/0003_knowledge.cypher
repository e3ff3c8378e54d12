// The known-error knowledge base: unique numbers, the sequence that assigns them, list order.
CREATE CONSTRAINT known_error_number IF NOT EXISTS FOR (k:KnownError) REQUIRE k.number IS UNIQUE;
CREATE CONSTRAINT sequence_name IF NOT EXISTS FOR (s:Sequence) REQUIRE s.name IS UNIQUE;
CREATE INDEX known_error_created IF NOT EXISTS FOR (k:KnownError) ON (k.createdAt, k.id);
CREATE INDEX known_error_status IF NOT EXISTS FOR (k:KnownError) ON (k.status);
CREATE INDEX search_outbox_at IF NOT EXISTS FOR (o:SearchOutbox) ON (o.at, o.id);
CREATE CONSTRAINT search_outbox_id IF NOT EXISTS FOR (o:SearchOutbox) REQUIRE o.id IS UNIQUE;
// Full-text search indexes the same fields twice: CJK bigrams find any contained Chinese word,
// the English analyzer finds English words by stem. Neo4j refuses two full-text indexes over the
// same property list, so the second lists them in another order.
CREATE FULLTEXT INDEX known_error_text_cjk IF NOT EXISTS FOR (k:KnownError)
ON EACH [k.number, k.title, k.symptoms, k.cause, k.workaround, k.resolution, k.tags]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX known_error_text_en IF NOT EXISTS FOR (k:KnownError)
ON EACH [k.tags, k.number, k.title, k.symptoms, k.cause, k.workaround, k.resolution]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
