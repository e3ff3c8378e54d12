// Every measurement of the given services (the caller keeps those within its periods).
UNWIND $serviceIds AS serviceId
MATCH (m:SlaMeasurement {serviceId: serviceId})
RETURN m.serviceId AS serviceId, m.indicator AS indicator, m.period AS period, m.value AS value,
  m.note AS note
