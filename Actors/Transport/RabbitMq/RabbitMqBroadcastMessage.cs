namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>A broadcast message waiting in a subscription's inbox, with what acknowledging it needs.</summary>
internal sealed record RabbitMqBroadcastMessage(RabbitMqBroadcastConsumer Consumer, ulong DeliveryTag, byte[] Body);
