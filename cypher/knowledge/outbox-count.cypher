// How many article changes wait for the relay.
MATCH (o:SearchOutbox)
RETURN count(o) AS pending
