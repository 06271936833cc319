-- The transactional outbox: rows written in the application's own transaction, moved to the broker by the relay
-- and deleted after the broker's confirm. {table} is the configured table name (queueactors.outbox.table).
-- Relays claim rows with FOR UPDATE SKIP LOCKED: no claim column, a dead relay's locks go with its session.
CREATE TABLE {table} (
    seq bigserial PRIMARY KEY,   -- relay order
    id text NOT NULL,            -- the event's message id
    site text NOT NULL,
    queue text NOT NULL,
    content_type text NOT NULL,
    payload bytea NOT NULL,
    created_at bigint NOT NULL   -- .NET UTC ticks: the envelope's enqueue time
);
