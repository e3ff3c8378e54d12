// Takes the next value of a sequence inside the caller's transaction: the node's write lock
// serializes concurrent writers, and a rolled-back write gives its value back unseen.
MERGE (s:Sequence {name: $name})
ON CREATE SET s.value = 0
SET s.value = s.value + 1
RETURN s.value AS value
