-- The event's partition key (OutboxWriter.EnqueueAsync's partitionKey, or an IPartitioned payload's): on a
-- partitioned queue the relay publishes the row to the key's partition, the one IEventPublisher picks for that key.
ALTER TABLE {table} ADD COLUMN partition_key text NULL;
