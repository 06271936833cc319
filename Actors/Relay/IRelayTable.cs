using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Relay;

/// <summary>What a feature gives its <see cref="RowRelay"/>: claims on its table, and its own log message for each outcome.</summary>
internal interface IRelayTable
{
    /// <summary>Claims up to <paramref name="batchSize"/> rows that are ready and that no other relay holds.</summary>
    Task<IRelayClaim> ClaimAsync(int batchSize, CancellationToken cancellationToken);

    /// <summary>A round ended well: <paramref name="count"/> rows relayed, after <paramref name="failedRounds"/> failed rounds.</summary>
    void Relayed(int count, int failedRounds);

    /// <summary><paramref name="pending"/> rows, <paramref name="row"/> first, were not published; tried again in <paramref name="retryIn"/>.</summary>
    void PublishFailed(RelayRow row, int pending, Exception error, TimeSpan retryIn);

    /// <summary>The table could not be read or written; tried again in <paramref name="retryIn"/>.</summary>
    void StoreFailed(Exception error, TimeSpan retryIn);

    /// <summary>An event had no broker queue (<paramref name="queue"/> reads "(invalid)" for a bad name) and went to dead letters.</summary>
    void Unroutable(Envelope envelope, string site, string queue, Exception error);
}
