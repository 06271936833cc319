namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// A delay bucket's declaration on one connection, and when it was started (<see cref="Environment.TickCount64"/>):
/// a bucket in use is declared again every <see cref="DelayBucket.RenewEvery"/>, which renews its broker-side expiry.
/// </summary>
internal sealed record BucketDeclaration(Lazy<Task> Declared, long StartedAt)
{
    public bool IsDue(long now) => now - StartedAt >= (long)DelayBucket.RenewEvery.TotalMilliseconds;
}
