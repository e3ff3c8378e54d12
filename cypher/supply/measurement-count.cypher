// Whether any measurement is stored (the demo seeds an empty ledger only).
MATCH (m:SlaMeasurement)
RETURN count(m) AS measurements
