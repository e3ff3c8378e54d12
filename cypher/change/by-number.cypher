// A change request by its number.
MATCH (c:ChangeRequest {number: $number})
RETURN c.id AS id
