// Deletes every node but the migration records, a batch at a time.
MATCH (n) WHERE NOT n:Migration
WITH n LIMIT 10000
DETACH DELETE n
RETURN count(n) AS deleted
