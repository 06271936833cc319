using QueueActors.Actors.Outbox;

namespace QueueActors.Tests.Outbox;

/// <summary>A relay running in the test process; disposing stops it and surfaces what it threw.</summary>
public sealed class RunningRelay(OutboxRelay relay, Task run, CancellationTokenSource stop) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        await relay.DisposeAsync();
    }
}
