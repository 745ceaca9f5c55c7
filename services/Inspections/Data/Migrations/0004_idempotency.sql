-- Idempotency-Key of the requests that plan an inspection or raise a finding: a repeated request (a double click,
-- a retry after a timeout) returns what the first created instead of a second inspection, or a second finding and
-- with it a second remediation task. Enforced by the database rather than check-then-insert.
ALTER TABLE inspections ADD COLUMN idempotency_key text NULL;
CREATE UNIQUE INDEX ux_inspections_idempotency ON inspections (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
ALTER TABLE findings ADD COLUMN idempotency_key text NULL;
CREATE UNIQUE INDEX ux_findings_idempotency ON findings (raised_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
