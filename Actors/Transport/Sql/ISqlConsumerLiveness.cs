namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Whether the process of a transport instance (the prefix of its consumer ids) is still there: each instance holds a
/// lock that the operating system or the database frees when its process or session ends. Found gone, an instance's
/// lock is held by the finder until <see cref="ForgetAsync"/>, after its claims were released.
/// </summary>
internal interface ISqlConsumerLiveness : IAsyncDisposable
{
    /// <summary>What the instances' locks are (for log lines).</summary>
    string Resource { get; }

    /// <summary>The other instances whose process or session is gone; their locks are now held here.</summary>
    Task<IReadOnlyList<string>> FindGoneAsync(CancellationToken cancellationToken);

    /// <summary>Lets go of a gone instance's lock (and whatever marked it).</summary>
    Task ForgetAsync(string instance, CancellationToken cancellationToken);
}
