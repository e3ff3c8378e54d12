// Removes relayed outbox entries.
UNWIND $ids AS id
MATCH (o:SearchOutbox {id: id})
DELETE o
RETURN count(*) AS removed
