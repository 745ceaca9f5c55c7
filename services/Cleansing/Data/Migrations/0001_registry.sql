-- The reference population registry (sổ hộ tịch / CSDLQG về dân cư, as far as cleansing needs it) and the review of
-- likely duplicate persons found in it. Loaded by bulk import (binary COPY into a temp table, then upsert) or by the
-- start-up seed; the validation engine works on an in-memory snapshot, so these tables are written in bulk and read
-- whole (COPY out) far more than they are queried row by row.
CREATE TABLE persons (
    id_number         text        PRIMARY KEY CHECK (id_number ~ '^[0-9]{12}$'),
    full_name         text        NOT NULL,
    -- Names.Fold(full_name): diacritics removed, đ→d, lower case; the duplicate scan compares these.
    folded_name       text        NOT NULL,
    date_of_birth     date        NOT NULL,
    gender            text        NOT NULL CHECK (gender IN ('male', 'female')),
    commune_code      text        NOT NULL,
    unit_path         ltree       NOT NULL,
    household_id      text        NOT NULL,
    is_household_head boolean     NOT NULL DEFAULT false,
    old_id_number     text        NULL CHECK (old_id_number IS NULL OR old_id_number ~ '^[0-9]{9}$'),
    status            text        NOT NULL DEFAULT 'alive' CHECK (status IN ('alive', 'deceased')),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Only the primary key on purpose: a 2.1-million-person import must load well under a minute, and a GiST index on
-- unit_path alone tripled its time here. Nothing reads persons row by row by unit: the engine and the duplicate scan
-- work on the in-memory snapshot (COPY out of the whole table); unit_path is kept for ad-hoc scoped queries.

-- Exactly one row: the registry's version (bumped by every import in the import's own transaction, so the in-memory
-- snapshot knows when to reload) and its person count (kept here so GET /registry does not count 2 million rows).
CREATE TABLE registry_state (
    id           integer     PRIMARY KEY CHECK (id = 1),
    version      bigint      NOT NULL,
    person_count bigint      NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO registry_state (id, version, person_count) VALUES (1, 0, 0);

-- Pairs of registry persons that are probably the same citizen registered twice. id_number_a < id_number_b so a pair
-- is stored once; a later scan refreshes score and reason of a pending pair but never reopens a reviewed one.
CREATE TABLE duplicate_candidates (
    id            uuid        PRIMARY KEY,
    id_number_a   text        NOT NULL,
    id_number_b   text        NOT NULL,
    -- The commune both persons live in (the scan only pairs persons of one commune): scopes the review list.
    commune_code  text        NOT NULL,
    unit_path     ltree       NOT NULL,
    score         integer     NOT NULL CHECK (score BETWEEN 0 AND 100),
    reason        text        NOT NULL,
    status        text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'same-person', 'different-people')),
    found_at      timestamptz NOT NULL DEFAULT now(),
    reviewed_by   text        NULL,
    reviewed_at   timestamptz NULL,
    CHECK (id_number_a < id_number_b),
    UNIQUE (id_number_a, id_number_b)
);

CREATE INDEX ix_duplicate_candidates_unit_path ON duplicate_candidates USING gist (unit_path);
CREATE INDEX ix_duplicate_candidates_listing ON duplicate_candidates (status, score DESC, id);
