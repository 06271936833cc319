using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Outbox;
using QueueActors.Actors.Transport;

namespace QueueActors.Tests.Outbox;

/// <summary>A relay of a test database's outbox running in the test process; disposing stops it and surfaces what it threw.</summary>
public sealed class RunningRelay : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly OutboxRelay _relay;
    private readonly Task _run;

    /// <summary>Starts relaying <paramref name="database"/>'s outbox in batches of <paramref name="batchSize"/>, polling every 50 ms.</summary>
    public RunningRelay(OutboxTestDatabase database, ITransport transport, QueueTopology topology, int batchSize, ILogger? logger = null)
    {
        var settings = new OutboxSettings { Enabled = true, Provider = database.Provider, ConnectionString = database.ConnectionString, BatchSize = batchSize, PollInterval = TimeSpan.FromMilliseconds(50) };
        _relay = new OutboxRelay(settings, transport, topology, "test-node", logger ?? NullLogger.Instance);
        topology.SitesKnown();
        _run = _relay.RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
        await _relay.DisposeAsync();
        _stop.Dispose();
    }
}
