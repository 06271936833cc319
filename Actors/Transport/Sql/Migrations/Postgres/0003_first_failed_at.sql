-- When handling of a message first failed (.NET UTC ticks, like enqueued_at); NULL until its first retry.
-- Before this column a retried message came back without it, so dead letters showed first = last failure.
ALTER TABLE queue_messages ADD COLUMN first_failed_at bigint NULL;
