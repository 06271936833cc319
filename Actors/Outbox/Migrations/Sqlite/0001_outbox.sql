-- The transactional outbox: rows written in the application's own transaction, moved to the broker by the relay
-- and deleted after the broker's confirm. {table} is the configured table name (queueactors.outbox.table).
CREATE TABLE {table} (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, -- relay order
    id TEXT NOT NULL,                      -- the event's message id
    site TEXT NOT NULL,
    queue TEXT NOT NULL,
    content_type TEXT NOT NULL,
    payload BLOB NOT NULL,
    created_at INTEGER NOT NULL,           -- .NET UTC ticks: the envelope's enqueue time
    claimed_until INTEGER NULL             -- Unix ms: a relay holds the row until then (SQLite has no row locks)
);
