-- Broadcast channels: a short log of messages per channel; each subscriber reads the rows after the last id
-- it saw. Publishes to one channel are serialized (a transaction advisory lock), so ids commit in order.
-- published_at is Unix milliseconds.
CREATE TABLE broadcast_messages (
    id bigserial PRIMARY KEY,
    channel text NOT NULL,
    payload bytea NOT NULL,
    published_at bigint NOT NULL
);
CREATE INDEX broadcast_messages_by_channel ON broadcast_messages (channel, id);
CREATE INDEX broadcast_messages_by_time ON broadcast_messages (published_at);
