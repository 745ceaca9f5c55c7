-- The opaque reference of a person this service lists itself (a level-2 account not activated), so that reasons and
-- visits are keyed without an ID number in an address. Random, assigned the first time the person is listed, never
-- derived from the number (an ID number's structure leaves too few possibilities for a plain hash to hide it).
-- Registry persons (no application) carry cleansing's personRef instead.
CREATE TABLE person_refs (
    id_number  text PRIMARY KEY,
    person_ref text NOT NULL UNIQUE
);
