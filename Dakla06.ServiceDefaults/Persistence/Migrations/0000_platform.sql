-- Platform tables every service database has: unit paths, the transactional outbox and the inbox.
CREATE EXTENSION IF NOT EXISTS ltree;

-- Events written in the same transaction as the state change; relayed to RabbitMQ by OutboxRelay.
CREATE TABLE IF NOT EXISTS outbox_messages (
    id           uuid PRIMARY KEY,
    message_type text        NOT NULL,
    payload      jsonb       NOT NULL,
    trace_parent text        NULL,
    trace_state  text        NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text        NULL
);
CREATE INDEX IF NOT EXISTS ix_outbox_messages_created_at ON outbox_messages (created_at, id);

-- One row per (message, consumer) handled, written in the consumer's own transaction: a redelivered
-- message finds its row and does nothing.
CREATE TABLE IF NOT EXISTS inbox_messages (
    message_id  uuid        NOT NULL,
    consumer    text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
