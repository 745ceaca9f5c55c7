-- Records are written a million at a time by binary COPY (issue 5: at least 30% of a raw COPY of the same file), so
-- every stored byte, every field and every index entry per row counts:
--  * the input values are one CSV line (RecordLine: RFC 4180), not a text[]: COPY wrote and parsed an array of
--    seven values element by element, which made storing, not validating, the slowest stage of the pipeline;
--  * the parsed known fields repeated what the line already holds — their positions follow from batches.headers
--    (BatchColumns.Map), so they are read from "values" instead of being stored twice;
--  * matched_id_number was always the record's own ID number (for the classes found in the registry): it is derived
--    on reading instead of stored for nine records in ten;
--  * a matched record has no disagreeing fields: NULL instead of an empty array written for nine records in ten;
--  * class is compared byte-wise (COLLATE "C": it only ever holds the eight ASCII class names), and only the flagged
--    records are indexed by it — "matched" pages follow the primary key, which is in line order already;
--  * suggestions are json, not jsonb: they are only ever read whole, and jsonb parsed, sorted and re-encoded every
--    object of every suggestion on the way in.
ALTER TABLE batch_records
    DROP COLUMN id_number,
    DROP COLUMN full_name,
    DROP COLUMN date_of_birth_text,
    DROP COLUMN gender_text,
    DROP COLUMN commune_code,
    DROP COLUMN matched_id_number;

ALTER TABLE batch_records ALTER COLUMN mismatched_fields DROP NOT NULL, ALTER COLUMN mismatched_fields DROP DEFAULT;
UPDATE batch_records SET mismatched_fields = NULL WHERE mismatched_fields = '{}';

DROP INDEX ix_batch_records_class;
ALTER TABLE batch_records ALTER COLUMN class TYPE text COLLATE "C";
CREATE INDEX ix_batch_records_flagged ON batch_records (batch_id, class, line_no) WHERE class <> 'matched';

ALTER TABLE batch_records ALTER COLUMN suggestions TYPE json USING suggestions::json;

ALTER TABLE batch_records ADD COLUMN line text NULL;
UPDATE batch_records r SET line = (
    SELECT string_agg(CASE WHEN v ~ '[,"\r\n]' THEN '"' || replace(v, '"', '""') || '"' ELSE coalesce(v, '') END, ',' ORDER BY n)
      FROM unnest(r."values") WITH ORDINALITY AS u(v, n))
 WHERE r."values" IS NOT NULL;
ALTER TABLE batch_records DROP COLUMN "values";
