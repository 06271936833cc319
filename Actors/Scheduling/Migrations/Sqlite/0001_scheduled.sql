-- Events published with a delay or a time (PublishOptions), held until due_at (Unix ms); the relay of any node
-- claims due rows (claimed_until), publishes them with confirms and deletes them.
CREATE TABLE qa_scheduled (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL UNIQUE,
    broker_queue TEXT NOT NULL,
    site TEXT NOT NULL,
    logical_queue TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    claimed_until INTEGER NULL,
    enqueued_at INTEGER NOT NULL,      -- .NET UTC ticks, exact
    content_type TEXT NOT NULL,
    headers TEXT NULL,                 -- JSON object of the envelope's application headers
    payload BLOB NOT NULL
);
CREATE INDEX qa_scheduled_by_due ON qa_scheduled (due_at);
CREATE INDEX qa_scheduled_by_queue ON qa_scheduled (broker_queue, due_at);

-- Unique keys of PublishOptions.UniqueKey: held until expires_at (Unix ms); an expired key is taken over.
CREATE TABLE qa_unique_keys (
    unique_key TEXT NOT NULL PRIMARY KEY,
    message_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX qa_unique_keys_by_expiry ON qa_unique_keys (expires_at);
