// Records measurements, upserting by key; rows: {key, serviceId, indicator, period, value, note}.
WITH datetime($now) AS now
UNWIND $rows AS row
MERGE (m:SlaMeasurement {key: row.key})
ON CREATE SET m.serviceId = row.serviceId, m.indicator = row.indicator, m.period = row.period,
  m.createdAt = now
SET m.value = row.value, m.note = row.note, m.updatedAt = now, m.recordedBy = $actor
RETURN count(m) AS written
