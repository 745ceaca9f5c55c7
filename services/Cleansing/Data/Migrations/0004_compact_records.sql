-- Records are written a million at a time by binary COPY (issue 5: at least 30% of a raw COPY of the same file), so
-- every stored byte and every index entry per row counts:
--  * the parsed known fields repeated what "values" already holds — their positions follow from batches.headers
--    (BatchColumns.Map), so they are read from "values" instead of being stored twice;
--  * a matched record has no disagreeing fields: NULL instead of an empty array written for nine records in ten;
--  * class is compared byte-wise (COLLATE "C": it only ever holds the eight ASCII class names), and only the flagged
--    records are indexed by it — "matched" pages follow the primary key, which is in line order already.
ALTER TABLE batch_records
    DROP COLUMN id_number,
    DROP COLUMN full_name,
    DROP COLUMN date_of_birth_text,
    DROP COLUMN gender_text,
    DROP COLUMN commune_code;

ALTER TABLE batch_records ALTER COLUMN mismatched_fields DROP NOT NULL, ALTER COLUMN mismatched_fields DROP DEFAULT;
UPDATE batch_records SET mismatched_fields = NULL WHERE mismatched_fields = '{}';

DROP INDEX ix_batch_records_class;
ALTER TABLE batch_records ALTER COLUMN class TYPE text COLLATE "C";
CREATE INDEX ix_batch_records_flagged ON batch_records (batch_id, class, line_no) WHERE class <> 'matched';
