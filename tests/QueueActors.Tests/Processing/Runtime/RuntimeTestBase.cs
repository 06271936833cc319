using QueueActors.Actors.Processing;
using QueueActors.TestKit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.Runtime;

/// <summary>The runtime-control tests' shared pieces: a drain timeout, status rows, and a handler gate.</summary>
public abstract class RuntimeTestBase(ITestOutputHelper output) : ProcessingTestBase(output)
{
    protected static TimeSpan DrainTimeout { get; } = TestKitSettings.Dilated(TimeSpan.FromSeconds(10));

    /// <summary>Events whose text starts with "hold" wait here until <see cref="HandlerGate.Release"/>.</summary>
    protected HandlerGate Gate { get; } = new();

    protected ProcessingService Processing => Harness.Processing;

    /// <summary>The status row of the queue (site null: the shared one).</summary>
    protected QueueProcessingStatus Row(string queue, string? site = null) =>
        Processing.GetStatus().Queues.Single(q => q.Queue == queue && q.Site == site);

    /// <summary>Ready messages and consumers of a broker queue, from the transport.</summary>
    protected async Task<(long Ready, int Consumers)> BrokerAsync(string brokerQueue)
    {
        var status = await Harness.Transport.GetStatusAsync(brokerQueue);
        return (status.MessagesReady, status.Consumers);
    }

    /// <summary>Makes the work handler hold events whose text starts with "hold" at <see cref="Gate"/>.</summary>
    protected void HoldAtGate() => Script.OnEvent = (e, _, _) => e.Text.StartsWith("hold", StringComparison.Ordinal) ? Gate.PassAsync() : ValueTask.CompletedTask;
}
