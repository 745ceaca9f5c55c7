-- The audit log takes the platform's shape (Dakla06.ServiceDefaults.Security.PersonalDataAudit): what was read is a
-- "subject" (here a batch), so every service writes its unmasked reads with the same code.
ALTER TABLE audit_log RENAME COLUMN batch_id TO subject_id;
