-- Project 06 working groups (Tổ công tác Đề án 06): one record per unit that reported on its group.
-- Units without a record count as not established.
CREATE TABLE working_groups (
    unit_code            text        PRIMARY KEY,
    unit_path            ltree       NOT NULL,
    established          boolean     NOT NULL,
    decision_number      text        NULL,
    decision_date        date        NULL,
    regulation_issued    boolean     NOT NULL,
    -- Communes only: villages / residential groups, and how many of them have established a group.
    village_count        integer     NULL CHECK (village_count >= 0),
    villages_established integer     NULL CHECK (villages_established >= 0),
    updated_by           text        NOT NULL,
    updated_by_name      text        NOT NULL,
    updated_at           timestamptz NOT NULL,
    CHECK (villages_established IS NULL OR (village_count IS NOT NULL AND villages_established <= village_count))
);
CREATE INDEX ix_working_groups_unit_path ON working_groups USING gist (unit_path);
