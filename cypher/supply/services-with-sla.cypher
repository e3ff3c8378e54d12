// The ids of the non-retired services that carry an SLA.
MATCH (s:Service)
WHERE s.sla IS NOT NULL AND s.status <> 'RETIRED'
RETURN s.id AS id
ORDER BY id
