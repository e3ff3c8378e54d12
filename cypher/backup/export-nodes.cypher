// Every node of an export, streamed. The topology's change records describe versions of this
// database only: not exported.
MATCH (n) WHERE NOT n:Migration AND NOT n:TopologyChange
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
