-- Declared queues with their spec (a redeclaration must match).
CREATE TABLE queues (
    name text NOT NULL PRIMARY KEY,
    durable boolean NOT NULL,
    single_active_consumer boolean NOT NULL,
    delivery_limit integer NULL,
    dead_letter_queue text NULL
);

-- Messages: ready when available_at has passed and no live claim holds them. Times are Unix milliseconds
-- from the nodes' clocks (keep them in sync).
CREATE TABLE queue_messages (
    id bigserial PRIMARY KEY,
    queue text NOT NULL,
    site text NOT NULL,
    payload bytea NOT NULL,
    headers text NULL,                 -- JSON object of the envelope's application headers
    attempts integer NOT NULL DEFAULT 0, -- deliveries so far (the delivery count of the latest claim)
    available_at bigint NOT NULL,
    claimed_by text NULL,              -- the consumer holding the claim
    claimed_until bigint NULL,         -- the claim's visibility timeout: after it the message is ready again
    message_id text NOT NULL,
    logical_queue text NOT NULL,
    envelope_attempts integer NOT NULL,
    enqueued_at bigint NOT NULL,       -- .NET UTC ticks, exact
    content_type text NOT NULL
);
CREATE INDEX queue_messages_by_queue ON queue_messages (queue, id);

-- Live consumers of all nodes, for status; seen_at is refreshed while the consumer runs.
CREATE TABLE queue_consumers (
    id text NOT NULL PRIMARY KEY,
    queue text NOT NULL,
    seen_at bigint NOT NULL
);
