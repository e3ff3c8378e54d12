// Change management: unique change numbers, the forward schedule by window, blackout windows by start.
CREATE CONSTRAINT change_request_number IF NOT EXISTS FOR (c:ChangeRequest) REQUIRE c.number IS UNIQUE;
CREATE INDEX change_request_start IF NOT EXISTS FOR (c:ChangeRequest) ON (c.plannedStart, c.id);
CREATE INDEX change_request_status IF NOT EXISTS FOR (c:ChangeRequest) ON (c.status);
CREATE INDEX blackout_window_start IF NOT EXISTS FOR (b:BlackoutWindow) ON (b.start);
