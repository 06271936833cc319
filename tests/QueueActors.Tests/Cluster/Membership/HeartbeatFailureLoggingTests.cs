using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport;
using QueueActors.TestKit;
using QueueActors.Tests.Cluster.Control;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Membership;

/// <summary>
/// While the broker is down every heartbeat fails: the first failure is logged, then one summary a minute, then
/// one line when heartbeats go out again (issue 5, item 9).
/// </summary>
public sealed class HeartbeatFailureLoggingTests : ClusterTestBase
{
    public HeartbeatFailureLoggingTests(ITestOutputHelper output)
        : base(output, new ManualTimeProvider())
    {
    }

    [Fact]
    public async Task A_broker_down_for_two_minutes_gives_one_warning_two_summaries_and_one_recovery_line()
    {
        var broker = new DownBroadcast(Transport) { Down = true };
        var services = Services("node-a", [NodeSettings.WorkerRole], broadcast: broker);
        Sys.ActorOf(MembershipActor.Props(services), "node-a-members");
        await AwaitConditionAsync(() => broker.Attempts == 1, null, "the first heartbeat");

        for (var beat = 1; beat <= 65; beat++)
        {
            Advance(Settings.HeartbeatInterval);
            var expected = beat + 1;
            await AwaitConditionAsync(() => broker.Attempts == expected, null, $"heartbeat {expected}");
        }

        broker.Down = false;
        Advance(Settings.HeartbeatInterval);
        await Logs.ExpectAsync(e => e.EventId.Id == 6357);

        Assert.Collection(
            Logs.Entries.Where(e => e.EventId.Id is 6353 or 6356 or 6357),
            first => Assert.Equal((6353, LogLevel.Warning), (first.EventId.Id, first.Level)),
            summary => Assert.Contains("31 failures since", summary.Message, StringComparison.Ordinal),
            summary => Assert.Contains("61 failures since", summary.Message, StringComparison.Ordinal),
            recovered => Assert.Contains("sent again after 66 failures", recovered.Message, StringComparison.Ordinal));
    }

    /// <summary>While down, every broadcast fails as with no broker; counts the tries.</summary>
    private sealed class DownBroadcast(IBroadcast inner) : IBroadcast
    {
        private int attempts;

        public volatile bool Down;

        public int Attempts => Volatile.Read(ref attempts);

        public ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
        {
            if (!Down)
            {
                return inner.BroadcastAsync(channel, message, cancellationToken);
            }

            Interlocked.Increment(ref attempts);
            throw new TransportException("no broker server is reachable");
        }

        public Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default) =>
            inner.SubscribeBroadcastAsync(channel, onMessage, cancellationToken);
    }
}
