-- Events published with a delay or a time (PublishOptions), held until due_at (Unix ms); the relay of any node
-- claims due rows (claimed_until, FOR UPDATE SKIP LOCKED), publishes them with confirms and deletes them.
CREATE TABLE qa_scheduled (
    id bigserial PRIMARY KEY,
    message_id text NOT NULL UNIQUE,
    broker_queue text NOT NULL,
    site text NOT NULL,
    logical_queue text NOT NULL,
    due_at bigint NOT NULL,
    claimed_until bigint NULL,
    enqueued_at bigint NOT NULL,       -- .NET UTC ticks, exact
    content_type text NOT NULL,
    headers text NULL,                 -- JSON object of the envelope's application headers
    payload bytea NOT NULL
);
CREATE INDEX qa_scheduled_by_due ON qa_scheduled (due_at);
CREATE INDEX qa_scheduled_by_queue ON qa_scheduled (broker_queue, due_at);

-- Unique keys of PublishOptions.UniqueKey: held until expires_at (Unix ms); an expired key is taken over.
CREATE TABLE qa_unique_keys (
    unique_key text NOT NULL PRIMARY KEY,
    message_id text NOT NULL,
    expires_at bigint NOT NULL
);
CREATE INDEX qa_unique_keys_by_expiry ON qa_unique_keys (expires_at);
