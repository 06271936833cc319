namespace QueueActors.Actors.Transport.Sql;

/// <summary>A claim on one message row: valid while the row is still claimed by this consumer at this attempt.</summary>
internal readonly record struct SqlClaim(long Id, string Consumer, int Attempts);
