-- Declared queues with their spec (a redeclaration must match).
CREATE TABLE queues (
    name TEXT NOT NULL PRIMARY KEY,
    durable INTEGER NOT NULL,
    single_active_consumer INTEGER NOT NULL,
    delivery_limit INTEGER NULL,
    dead_letter_queue TEXT NULL
) WITHOUT ROWID;

-- Messages: ready when available_at has passed and no live claim holds them. Times are Unix milliseconds.
CREATE TABLE queue_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    queue TEXT NOT NULL,
    site TEXT NOT NULL,
    payload BLOB NOT NULL,
    headers TEXT NULL,                 -- JSON object of the envelope's application headers
    attempts INTEGER NOT NULL DEFAULT 0, -- deliveries so far (the delivery count of the latest claim)
    available_at INTEGER NOT NULL,
    claimed_by TEXT NULL,              -- the consumer holding the claim
    claimed_until INTEGER NULL,        -- the claim's visibility timeout: after it the message is ready again
    message_id TEXT NOT NULL,
    logical_queue TEXT NOT NULL,
    envelope_attempts INTEGER NOT NULL,
    enqueued_at INTEGER NOT NULL,      -- .NET UTC ticks, exact
    content_type TEXT NOT NULL
);
CREATE INDEX queue_messages_by_queue ON queue_messages (queue, id);

-- Live consumers, for status; seen_at is refreshed while the consumer runs.
CREATE TABLE queue_consumers (
    id TEXT NOT NULL PRIMARY KEY,
    queue TEXT NOT NULL,
    seen_at INTEGER NOT NULL
) WITHOUT ROWID;
