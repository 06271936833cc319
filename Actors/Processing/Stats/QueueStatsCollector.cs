using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Stats;

/// <summary>The stats of the queues running on this node with their broker depth and consumers, for the stats files and the control channel.</summary>
public sealed class QueueStatsCollector(ProcessingService processing, ITransport transport)
{
    /// <summary>Asks the transport about every queue at once; a queue it does not answer for has a null depth.</summary>
    public async Task<IReadOnlyList<QueueStats>> CollectAsync(CancellationToken cancellationToken = default)
    {
        var stats = processing.GetStats();
        var statuses = await Task.WhenAll(stats.Select(s => StatusAsync(s.BrokerQueue, cancellationToken))).ConfigureAwait(false);
        return stats.Select((s, i) => s with { Depth = statuses[i]?.MessagesReady, Consumers = statuses[i]?.Consumers, RetriesWaiting = statuses[i]?.RetriesWaiting }).ToArray();
    }

    private async Task<QueueStatus?> StatusAsync(string brokerQueue, CancellationToken cancellationToken)
    {
        try
        {
            return await transport.GetStatusAsync(brokerQueue, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException)
        {
            return null; // the broker is away: the stats still say what this node knows
        }
    }
}
