-- What the population publisher last published (RegistryPopulationCounted): the date ages were counted on and the
-- registry version counted. A new date or a new version means the counts are due again. One row; replicas take
-- its lock, so each count is published once.
CREATE TABLE population_publication (
    id               integer     PRIMARY KEY CHECK (id = 1),
    counted_on       date        NULL,
    registry_version bigint      NULL,
    published_at     timestamptz NULL
);
INSERT INTO population_publication (id) VALUES (1);
