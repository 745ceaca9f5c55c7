-- Uploaded sector batches (lô dữ liệu chuyên ngành), their per-record results and the audit log of unmasked reads.
-- campaign_id has no foreign key: campaigns are created by 0003, and a batch only names its campaign.
CREATE TABLE batches (
    id                  uuid        PRIMARY KEY,
    dataset             text        NOT NULL CHECK (dataset IN ('vaccination', 'social-insurance', 'children', 'social-protection', 'other')),
    unit_code           text        NOT NULL,
    unit_path           ltree       NOT NULL,
    campaign_id         uuid        NULL,
    file_name           text        NOT NULL,
    stored_file         text        NOT NULL,
    -- Progress while running: the total is known only at the end, so the bar follows the bytes read of the file.
    file_size           bigint      NOT NULL DEFAULT 0,
    bytes_read          bigint      NOT NULL DEFAULT 0,
    headers             text[]      NOT NULL,
    status              text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    -- total is known only once the whole file was read (null while running); processed counts committed records.
    total               integer     NULL,
    processed           integer     NOT NULL DEFAULT 0,
    matched             integer     NOT NULL DEFAULT 0,
    missing_id          integer     NOT NULL DEFAULT 0,
    malformed_id        integer     NOT NULL DEFAULT 0,
    not_found           integer     NOT NULL DEFAULT 0,
    info_mismatch       integer     NOT NULL DEFAULT 0,
    duplicate_in_batch  integer     NOT NULL DEFAULT 0,
    deceased            integer     NOT NULL DEFAULT 0,
    unreadable          integer     NOT NULL DEFAULT 0,
    registry_version    bigint      NULL,
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz NULL,
    completed_at        timestamptz NULL,
    -- Seconds spent running (summed over resumes), so records/s stays honest after a restart.
    elapsed_seconds     double precision NOT NULL DEFAULT 0,
    cancel_requested    boolean     NOT NULL DEFAULT false,
    lease_owner         text        NULL,
    lease_until         timestamptz NULL,
    attempts            integer     NOT NULL DEFAULT 0,
    error               text        NULL
);

CREATE INDEX ix_batches_unit_path ON batches USING gist (unit_path);
CREATE INDEX ix_batches_listing ON batches (created_at DESC, id);
-- The worker's claim query looks only at batches that still need work.
CREATE INDEX ix_batches_pending ON batches (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX ix_batches_campaign ON batches (campaign_id) WHERE campaign_id IS NOT NULL;

-- One row per input line. Written by binary COPY in chunks, so only the primary key and the class filter are indexed:
-- every extra index slows the million-row load (the speed target of issue 5). No foreign key to batches either: its
-- per-row trigger would cost more than the COPY itself, and only the worker of a claimed batch writes here.
CREATE TABLE batch_records (
    batch_id                uuid        NOT NULL,
    line_no                 integer     NOT NULL,
    -- Raw values in the order of batches.headers (null for an unreadable line that could not be split).
    "values"                text[]      NULL,
    -- What could be read of an unreadable line (cut to 4096 characters), so nothing the sender wrote is lost.
    raw_text                text        NULL,
    id_number               text        NULL,
    full_name               text        NULL,
    date_of_birth_text      text        NULL,
    gender_text             text        NULL,
    commune_code            text        NULL,
    class                   text        NOT NULL CHECK (class IN ('matched', 'missing_id', 'malformed_id', 'duplicate_in_batch', 'not_found', 'deceased', 'info_mismatch', 'unreadable')),
    -- Why the line is unreadable / the ID malformed (Vietnamese), when it is.
    reason                  text        NULL,
    mismatched_fields       text[]      NOT NULL DEFAULT '{}',
    matched_id_number       text        NULL,
    -- Up to 3 suggested persons: [{idNumber, fullName, dateOfBirth, gender, communeCode, score, reason, confident}].
    suggestions             jsonb       NULL,
    resolution              text        NULL CHECK (resolution IN ('accepted-suggestion', 'corrected', 'unfixable')),
    resolution_note         text        NULL,
    corrected_id_number     text        NULL,
    corrected_full_name     text        NULL,
    corrected_date_of_birth text        NULL,
    corrected_gender        text        NULL,
    corrected_commune_code  text        NULL,
    cleaned                 boolean     NOT NULL DEFAULT false,
    resolved_by             text        NULL,
    resolved_at             timestamptz NULL,
    PRIMARY KEY (batch_id, line_no)
);

CREATE INDEX ix_batch_records_class ON batch_records (batch_id, class);

-- Who read personal data unmasked, when, and what (a batch's records, one record, a download, the duplicate list).
CREATE TABLE audit_log (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username  text        NOT NULL,
    at        timestamptz NOT NULL DEFAULT now(),
    action    text        NOT NULL,
    batch_id  uuid        NULL,
    line_no   integer     NULL,
    detail    text        NULL
);

CREATE INDEX ix_audit_log_at ON audit_log (at DESC, id DESC);
