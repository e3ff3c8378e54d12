// warrantyForecast: non-retired CIs whose warranty expires in [$today, $until), by month, and those
// already expired (before $today), with counts and original values in integer cents.
MATCH (n:ConfigurationItem)
WHERE n.warrantyExpiry IS NOT NULL AND n.warrantyExpiry < date($until) AND n.status <> 'RETIRED'
WITH CASE WHEN n.warrantyExpiry < date($today) THEN 'expired'
    ELSE toString(n.warrantyExpiry.year) + '-' + right('0' + toString(n.warrantyExpiry.month), 2)
  END AS month,
  toInteger(round(coalesce(n.originalValue, 0.0) * 100)) AS cents
RETURN month, count(*) AS count, sum(cents) AS cents
