// One article by its number.
MATCH (k:KnownError {number: $number})
RETURN k.id AS id
