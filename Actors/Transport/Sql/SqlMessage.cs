using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>A claimed message row: its claim and the envelope it carries.</summary>
internal sealed record SqlMessage(SqlClaim Claim, Envelope Envelope);
