// The ids of every contract.
MATCH (c:Contract)
RETURN c.id AS id
