// Stored measurements by key (service, indicator and period joined by U+0001).
UNWIND $keys AS key
MATCH (m:SlaMeasurement {key: key})
RETURN m.serviceId AS serviceId, m.indicator AS indicator, m.period AS period, m.value AS value,
  m.note AS note
