-- Endpoint devices connected to the national population database (máy tính, thiết bị đầu cuối kết nối CSDLQG về dân cư).
-- Registered one by one or imported from CSV/Excel; the import upserts by asset tag, so the tag is the natural key.
-- Visibility is decided in SQL on unit_path (ltree, GiST-indexed) like every other register.
CREATE TABLE devices (
    id          uuid        PRIMARY KEY,
    asset_tag   text        NOT NULL,
    unit_code   text        NOT NULL,
    unit_path   ltree       NOT NULL,
    purpose     text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ux_devices_asset_tag UNIQUE (asset_tag)
);
CREATE INDEX ix_devices_unit_path ON devices USING gist (unit_path);
CREATE INDEX ix_devices_listing ON devices (unit_code, asset_tag);
