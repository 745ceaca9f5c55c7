-- No query reads persons by unit path: the funnel reads the counts, the lists read applications and accounts, and the
-- application import reaches persons by ID number (its primary key). The GiST index only cost every first application
-- an index insert (issue #12's import speed, BENCHMARKS.md enrolment run 6).
DROP INDEX ix_persons_unit_path;
