-- The event's partition key on a partitioned queue (PublishOptions.PartitionKey or IPartitioned): the relay sends a
-- due event to its key's partition. Rows scheduled before this column keep NULL: broker_queue names their partition.
ALTER TABLE qa_scheduled ADD COLUMN partition_key text NULL;
