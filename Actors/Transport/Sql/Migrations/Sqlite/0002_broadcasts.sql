-- Broadcast channels: a short log of messages per channel; each subscriber reads the rows after the last id
-- it saw. AUTOINCREMENT: an id is never reused after old rows are pruned. published_at is Unix milliseconds.
CREATE TABLE broadcast_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    payload BLOB NOT NULL,
    published_at INTEGER NOT NULL
);
CREATE INDEX broadcast_messages_by_channel ON broadcast_messages (channel, id);
CREATE INDEX broadcast_messages_by_time ON broadcast_messages (published_at);
