-- Reported values: counts that have no dossier file (cases counted by departments, health-insurance look-ups by CCCD,
-- VssID accounts…), typed in by a unit's statistics officer and approved by a leader of the unit or a unit above it.

-- Periods of one indicator at one unit may not overlap (else a report over both would count them twice).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One value per indicator × unit × period. An approved value is locked: it changes only after its approver (or a
-- leader above the approver) unlocked it back to submitted.
CREATE TABLE reported_values (
    id                   uuid        PRIMARY KEY,
    indicator            text        NOT NULL,
    unit_code            text        NOT NULL,
    unit_path            ltree       NOT NULL,
    period_from          date        NOT NULL,
    period_to            date        NOT NULL CHECK (period_to >= period_from),
    value                bigint      NOT NULL CHECK (value >= 0),
    note                 text        NULL,
    status               text        NOT NULL CHECK (status IN ('submitted', 'approved')),
    submitted_by         text        NOT NULL,
    submitted_at         timestamptz NOT NULL,
    approved_by          text        NULL,
    approved_by_id       text        NULL,
    approved_by_unit     text        NULL,
    approved_at          timestamptz NULL,
    UNIQUE (indicator, unit_code, period_from, period_to),
    EXCLUDE USING gist (indicator WITH =, unit_code WITH =, daterange(period_from, period_to, '[]') WITH &&)
);
CREATE INDEX ix_reported_values_unit_path ON reported_values USING gist (unit_path);

-- Every change of a value, in the order it happened (id).
CREATE TABLE reported_value_history (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reported_value_id  uuid        NOT NULL REFERENCES reported_values (id),
    change             text        NOT NULL,
    changed_by         text        NOT NULL,
    changed_by_unit    text        NOT NULL,
    changed_at         timestamptz NOT NULL,
    old_value          bigint      NULL,
    new_value          bigint      NOT NULL,
    old_status         text        NULL,
    new_status         text        NOT NULL,
    note               text        NULL
);
CREATE INDEX ix_reported_value_history_value ON reported_value_history (reported_value_id, id);
