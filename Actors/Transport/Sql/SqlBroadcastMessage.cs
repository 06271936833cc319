namespace QueueActors.Actors.Transport.Sql;

/// <summary>A row of the broadcast log.</summary>
internal sealed record SqlBroadcastMessage(long Id, byte[] Payload);
