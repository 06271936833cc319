using Microsoft.Extensions.Logging;
using QueueActors.Actors.Partitions;
using QueueActors.Actors.Processing;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;
using AkkaTestKit = Akka.TestKit.Xunit2.TestKit;

namespace QueueActors.Tests.Partitions;

/// <summary>
/// The gate a partitioned queue's partitions on one node share, on a manual clock: the node's share of the rate limit
/// in one bucket, and one circuit over all of them. Probes stand for the partitions (the gate tells them when a trial
/// they waited for has ended).
/// </summary>
public sealed class PartitionGateTests(ITestOutputHelper output) : AkkaTestKit(output: output)
{
    private const int Partitions = 8;
    private static readonly CircuitBreakerSettings Circuit = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
    private readonly ManualTimeProvider _time = new();
    private readonly LogCapture _logs = new();

    [Fact]
    public void The_share_is_the_limit_times_the_partitions_here_over_the_partition_count_and_follows_them()
    {
        var gate = Gate(limit: 40);

        Join(gate, 2);
        Assert.Equal(10, gate.Share);
        Join(gate, 6);
        Assert.Equal(40, gate.Share); // every partition here: the whole limit
        Assert.False(gate.Leave(CreateTestProbe().Ref));
        Assert.Equal(35, gate.Share);
        Assert.Null(Gate(limit: null).Share);
    }

    [Fact]
    public void One_busy_partition_may_use_the_whole_share_of_the_node_and_waits_until_the_next_token_when_it_is_spent()
    {
        var gate = Gate(limit: 160); // 2 of 8 partitions here: 40/s, a burst of 2
        Join(gate, 2);
        var busy = CreateTestProbe().Ref;

        SpendBurstOfTwo(gate, busy);
        var refused = gate.TryStart(busy);
        Assert.Equal((false, TimeSpan.FromMilliseconds(25)), (refused.Granted, refused.WakeIn));

        _time.Advance(TimeSpan.FromMilliseconds(25));
        Assert.True(gate.TryStart(busy).Granted);

        var granted = 0;
        for (var ms = 0; ms <= 1000; ms += 5) // over a second, both partitions asking: no more than the share plus a burst
        {
            granted += (gate.TryStart(busy).Granted ? 1 : 0) + (gate.TryStart(CreateTestProbe().Ref).Granted ? 1 : 0);
            _time.Advance(TimeSpan.FromMilliseconds(5));
        }

        Assert.InRange(granted, 40, 42);
    }

    [Fact]
    public void A_partition_that_joins_changes_the_share_but_brings_no_fresh_burst()
    {
        var gate = Gate(limit: 320); // 1 of 8 partitions here: 40/s, a burst of 2
        Join(gate, 1);
        var busy = CreateTestProbe().Ref;
        SpendBurstOfTwo(gate, busy); // the bucket is empty

        Join(gate, 3); // 4 of 8: 160/s, a burst of 8, but no token yet

        Assert.Equal((false, TimeSpan.FromMilliseconds(6.25)), (gate.TryStart(busy).Granted, gate.TryStart(busy).WakeIn));
        _time.Advance(TimeSpan.FromMilliseconds(6.25));
        Assert.True(gate.TryStart(busy).Granted);
    }

    [Fact]
    public void Failures_in_a_row_over_the_partitions_open_the_circuit_and_no_partition_starts_until_the_pause_ends()
    {
        var gate = Gate(limit: null);
        Join(gate, 3);
        var (a, b, c) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());

        gate.Finished(succeeded: false, trial: false); // a
        gate.Finished(succeeded: false, trial: false); // b
        Assert.False(gate.CircuitOpen);
        gate.Finished(succeeded: false, trial: false); // c: three in a row, over three partitions
        Assert.True(gate.CircuitOpen);
        Assert.Equal(TimeSpan.FromSeconds(1), gate.TryStart(b.Ref).WakeIn);

        _time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(TimeSpan.FromMilliseconds(600), gate.TryStart(c.Ref).WakeIn);

        _time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(GateAnswer.Go(trial: true), gate.TryStart(a.Ref));
        Assert.Equal(GateAnswer.WaitForTrial, gate.TryStart(b.Ref)); // one trial at a time: b waits for word
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        gate.Finished(succeeded: false, trial: true);
        b.ExpectMsg<GateOpened>();
        Assert.Equal(TimeSpan.FromSeconds(2), gate.TryStart(b.Ref).WakeIn); // the failed trial doubled the pause

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(GateAnswer.Go(trial: true), gate.TryStart(b.Ref));
        gate.Finished(succeeded: true, trial: true);
        Assert.False(gate.CircuitOpen);
        Assert.Equal(GateAnswer.Go(trial: false), gate.TryStart(c.Ref));

        Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("(partitioned) fails on every event (3 in a row)", StringComparison.Ordinal));
        Assert.Single(_logs.Entries, e => e.Message.Contains("(partitioned) handled an event again: resumed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_success_on_any_partition_starts_the_count_of_failures_in_a_row_again()
    {
        var gate = Gate(limit: null);
        Join(gate, 2);

        for (var i = 0; i < 10; i++)
        {
            gate.Finished(succeeded: false, trial: false);
            gate.Finished(succeeded: false, trial: false);
            gate.Finished(succeeded: true, trial: false);
        }

        Assert.False(gate.CircuitOpen);
    }

    [Fact]
    public void A_partition_that_leaves_while_it_waits_for_a_trial_is_not_told_it_ended()
    {
        var gate = Gate(limit: null);
        Join(gate, 2);
        var leaving = CreateTestProbe();
        for (var i = 0; i < 3; i++)
        {
            gate.Finished(succeeded: false, trial: false);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(gate.TryStart(CreateTestProbe().Ref).Trial);
        Assert.Equal(GateAnswer.WaitForTrial, gate.TryStart(leaving.Ref));
        gate.Leave(leaving.Ref);

        gate.Finished(succeeded: true, trial: true);
        leaving.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    private PartitionGate Gate(double? limit) =>
        new("orders", limit is { } l ? new RateLimit(l) : null, Partitions, Circuit, _time, _logs.CreateLogger("test"));

    private static void SpendBurstOfTwo(PartitionGate gate, Akka.Actor.IActorRef partition)
    {
        Assert.True(gate.TryStart(partition).Granted);
        Assert.True(gate.TryStart(partition).Granted);
    }

    private static void Join(PartitionGate gate, int partitions)
    {
        for (var i = 0; i < partitions; i++)
        {
            gate.Join();
        }
    }
}
