-- Registry quality (issue #13): the registry's optional fields, the items the rules and the imported lists open, their
-- history, and the counts the progress report reads.

-- Optional registry fields (import columns dan_toc, ton_giao, que_quan, noi_thuong_tru, quan_he_chu_ho): NULL until an
-- import brings them. no_old_id: an officer confirmed the person never held a 9-digit ID (outcome marked_no_old_id),
-- so the old_id_missing rule leaves them alone. Added without a default rewrite: NULL / false are metadata only.
ALTER TABLE persons
    ADD COLUMN ethnicity         text    NULL,
    ADD COLUMN religion          text    NULL,
    ADD COLUMN place_of_origin   text    NULL,
    ADD COLUMN permanent_address text    NULL,
    ADD COLUMN relation_to_head  text    NULL,
    ADD COLUMN no_old_id         boolean NOT NULL DEFAULT false;

-- One thing to correct in the registry: a household (household rules), a person (person rules, lists) or a pair of
-- persons (duplicate_person; item_key 'a:b'). source 'rule' items are opened and closed by the rule runs, 'list' items
-- by list imports and officers. live: the item stands for its (category, item_key) — an open item, and for a rule item
-- also one closed as updated (awaiting the next run's confirmation) or cannot_update (the data will stay wrong, so
-- the rule must not open it again). At most one live item per key.
CREATE TABLE quality_items (
    id              uuid        PRIMARY KEY,
    category        text        NOT NULL,
    item_key        text        NOT NULL,
    source          text        NOT NULL CHECK (source IN ('rule', 'list')),
    commune_code    text        NOT NULL,
    unit_path       ltree       NOT NULL,
    id_number       text        NULL,
    other_id_number text        NULL,
    household_id    text        NULL,
    missing_fields  text[]      NULL,
    detail          text        NULL,
    status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    outcome         text        NULL CHECK (outcome IN ('fixed', 'updated', 'cannot_update', 'marked_no_old_id')),
    reason_code     text        NULL,
    note            text        NULL,
    live            boolean     NOT NULL DEFAULT true,
    opened_at       timestamptz NOT NULL,
    closed_at       timestamptz NULL,
    closed_by       text        NULL,
    CHECK ((status = 'open') = (outcome IS NULL))
);

CREATE UNIQUE INDEX ux_quality_items_live ON quality_items (category, item_key) WHERE live;
CREATE INDEX ix_quality_items_unit_path ON quality_items USING gist (unit_path);
CREATE INDEX ix_quality_items_listing ON quality_items (category, status, opened_at, id);
CREATE INDEX ix_quality_items_id_number ON quality_items (id_number) WHERE id_number IS NOT NULL;

-- Every change after an item was opened (its opening is the item row itself: a rule run opens hundreds of thousands).
CREATE TABLE quality_item_changes (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id     uuid        NOT NULL REFERENCES quality_items (id),
    at          timestamptz NOT NULL,
    by_user     text        NOT NULL,
    action      text        NOT NULL,
    outcome     text        NULL,
    reason_code text        NULL,
    note        text        NULL
);

CREATE INDEX ix_quality_item_changes_item ON quality_item_changes (item_id, id);

-- What happened to the items per unit (commune, district and province alike) × category × Vietnam day: items found,
-- and closed per outcome (a reopened update subtracts one). A figure at a date sums a unit's rows up to that day, so
-- last month's report reads last month's figures and the province's answer reads a few hundred rows, never the items.
CREATE TABLE quality_counts (
    unit_code        text   NOT NULL,
    category         text   NOT NULL,
    day              date   NOT NULL,
    found            bigint NOT NULL DEFAULT 0,
    fixed            bigint NOT NULL DEFAULT 0,
    updated          bigint NOT NULL DEFAULT 0,
    cannot_update    bigint NOT NULL DEFAULT 0,
    marked_no_old_id bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_code, category, day)
);

-- When the rules last ran and on which registry version (the report shows it; a run on an unchanged registry is cheap).
CREATE TABLE quality_rule_runs (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registry_version bigint      NOT NULL,
    ran_at           timestamptz NOT NULL,
    persons          bigint      NOT NULL,
    opened           integer     NOT NULL,
    closed           integer     NOT NULL,
    reopened         integer     NOT NULL,
    confirmed        integer     NOT NULL
);
