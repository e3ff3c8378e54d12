// Lookup of CIs by what an engineer has in hand (id, asset tag, serial number, IP address, name):
// one keyword full-text index over the `identifiers` list that cmdb/ci-identifiers maintains. A
// keyword analyzer keeps each list element one exact term.
CREATE FULLTEXT INDEX ci_identifiers IF NOT EXISTS FOR (n:ConfigurationItem) ON EACH [n.identifiers]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
// CIs written before this migration get their keys (the same expression as cmdb/ci-identifiers).
MATCH (n:ConfigurationItem) WHERE n.identifiers IS NULL
CALL (n) {
  SET n.identifiers = ['id:' + n.id, 'name:' + toLower(n.name)]
    + CASE WHEN n.assetTag IS NULL THEN [] ELSE ['tag:' + n.assetTag] END
    + CASE WHEN n.serialNumber IS NULL THEN [] ELSE ['sn:' + n.serialNumber] END
    + [ip IN coalesce(n.ipAddresses, []) | 'ip:' + ip]
} IN TRANSACTIONS OF 5000 ROWS;
// The audit trail across the graph (auditTrail) reads ChangeRecords in (at, id) order.
CREATE INDEX change_record_at IF NOT EXISTS FOR (r:ChangeRecord) ON (r.at, r.id);
