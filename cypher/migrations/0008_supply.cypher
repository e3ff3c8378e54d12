// Service levels: one measurement per service, indicator and period; measurements by service.
CREATE CONSTRAINT sla_measurement_key IF NOT EXISTS FOR (m:SlaMeasurement) REQUIRE m.key IS UNIQUE;
CREATE INDEX sla_measurement_service IF NOT EXISTS FOR (m:SlaMeasurement) ON (m.serviceId);
