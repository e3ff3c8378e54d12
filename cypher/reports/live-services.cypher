// The live services of the SPOF register, filtered by category and criticality (null: any).
MATCH (s:Service)
WHERE s.status = 'LIVE'
  AND ($categories IS NULL OR s.category IN $categories)
  AND ($criticalities IS NULL OR s.criticality IN $criticalities)
RETURN s.id AS id, s.name AS name, s.criticality AS criticality
