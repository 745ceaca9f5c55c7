-- Unmasked reads of personal data (applicants' ID numbers, names, birth dates) by pii-readers, written before the data
-- is returned: the shape every service shares (ServiceDefaults' PersonalDataAudit). subject_id is unused here: an
-- application is named by its code in detail.
CREATE TABLE audit_log (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username    text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    action      text        NOT NULL,
    subject_id  uuid        NULL,
    line_no     integer     NULL,
    detail      text        NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at DESC, id DESC);
