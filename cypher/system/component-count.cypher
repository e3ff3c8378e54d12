// Whether the CMDB holds anything yet (the demo seed loads only into an empty one).
MATCH (n:Component) WITH n LIMIT 1 RETURN count(n) AS components
