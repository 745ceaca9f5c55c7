-- Stuck applications (issue #12): which application × stage has been announced as stuck (EnrolmentStuck), so that each
-- is announced once; and the partial indexes that find the applications still waiting in a stage.
CREATE TABLE stuck_notices (
    application_code text        NOT NULL,
    stage            text        NOT NULL CHECK (stage IN ('application_to_card', 'card_to_handover')),
    commune_code     text        NOT NULL,
    since            date        NOT NULL,
    days_waited      integer     NOT NULL,
    threshold_days   integer     NOT NULL,
    announced_at     timestamptz NOT NULL,
    PRIMARY KEY (application_code, stage)
);

CREATE INDEX ix_applications_awaiting_card ON applications (received_on) WHERE card_received_on IS NULL;
CREATE INDEX ix_applications_awaiting_handover ON applications (card_received_on)
    WHERE card_received_on IS NOT NULL AND card_handed_on IS NULL;

-- The audit of unmasked reads (ServiceDefaults' PersonalDataAudit shape); the import side may create it first.
CREATE TABLE IF NOT EXISTS audit_log (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username    text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    action      text        NOT NULL,
    subject_id  uuid        NULL,
    line_no     integer     NULL,
    detail      text        NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_log_at ON audit_log (at DESC, id DESC);
