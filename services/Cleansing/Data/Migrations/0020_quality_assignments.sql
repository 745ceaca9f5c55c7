-- Registry-quality assignments (issue 13, part 6): a province or district cleansing officer assigns a category to the
-- communes under a unit; every commune with open items of it gets one row here and one directive task over the bus
-- (RegistryQualityTaskAssigned), whose progress (RegistryQualityTaskProgressed) the publisher sends whenever the commune's
-- counts change, the last one when no item is open (completed_at). Numbered apart from the rules' migrations (0007…).
CREATE TABLE quality_assignments (
    id          uuid        PRIMARY KEY,
    category    text        NOT NULL,
    unit_code   text        NOT NULL,
    unit_path   ltree       NOT NULL,
    due_on      date        NOT NULL,
    assigned_by text        NOT NULL,
    assigned_at timestamptz NOT NULL
);

-- One commune's share: its items are those of the category open at assigned_at or opened since (closed_at NULL or not
-- before assigned_at); total / closed / open as last published.
CREATE TABLE quality_assignment_communes (
    assignment_id uuid        NOT NULL REFERENCES quality_assignments (id),
    commune_code  text        NOT NULL,
    unit_path     ltree       NOT NULL,
    category      text        NOT NULL,
    assigned_at   timestamptz NOT NULL,
    total         integer     NOT NULL,
    closed        integer     NOT NULL,
    open          integer     NOT NULL,
    published_at  timestamptz NOT NULL,
    completed_at  timestamptz NULL,
    PRIMARY KEY (assignment_id, commune_code)
);

-- A commune works one list of a category at a time: a second assignment skips it while its task is open, also when two
-- officers assign at once.
CREATE UNIQUE INDEX ux_quality_assignment_communes_open ON quality_assignment_communes (category, commune_code) WHERE completed_at IS NULL;
CREATE INDEX ix_quality_assignment_communes_unit_path ON quality_assignment_communes USING gist (unit_path);

-- The publisher counts a commune's items of a category on every pass.
CREATE INDEX ix_quality_items_commune_category ON quality_items (commune_code, category, status);
