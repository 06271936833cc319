using QueueActors.Host.Cli;
using QueueActors.Host.Workers;
using Xunit;

namespace QueueActors.Tests.Workers;

/// <summary>When the master starts a worker again: backoff, the start-failure window, planned and requested exits.</summary>
public sealed class RespawnPolicyTests
{
    private const int Sigkill = 128 + 9;
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_crash_is_respawned_after_a_backoff_doubling_from_one_second_to_thirty()
    {
        var policy = new RespawnPolicy(5, TimeSpan.FromSeconds(60));
        var delays = Enumerable.Range(0, 7).Select(i => policy.OnExit(T0.AddMinutes(i), Sigkill, wasUp: true, TimeSpan.FromSeconds(2)).Delay.TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], delays);
    }

    [Fact]
    public void The_backoff_starts_again_at_one_second_after_a_worker_stayed_up_a_while()
    {
        var policy = new RespawnPolicy(5, TimeSpan.FromSeconds(60));
        policy.OnExit(T0, Sigkill, wasUp: true, TimeSpan.FromSeconds(2));
        policy.OnExit(T0, Sigkill, wasUp: true, TimeSpan.FromSeconds(2));

        var decision = policy.OnExit(T0, Sigkill, wasUp: true, RespawnPolicy.StableUptime);

        Assert.Equal(TimeSpan.FromSeconds(1), decision.Delay);
    }

    [Fact]
    public void A_worker_that_fails_to_start_five_times_within_the_window_is_given_up()
    {
        var policy = new RespawnPolicy(5, TimeSpan.FromSeconds(60));
        for (var i = 0; i < 4; i++)
        {
            Assert.True(policy.OnExit(T0.AddSeconds(i * 10), ExitCodes.Unavailable, wasUp: false, TimeSpan.Zero).Respawn);
        }

        var decision = policy.OnExit(T0.AddSeconds(40), ExitCodes.Unavailable, wasUp: false, TimeSpan.Zero);

        Assert.False(decision.Respawn);
        Assert.Contains("failed to start 5 times within 60s", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_starts_older_than_the_window_are_not_counted()
    {
        var policy = new RespawnPolicy(3, TimeSpan.FromSeconds(60));
        policy.OnExit(T0, ExitCodes.Unavailable, wasUp: false, TimeSpan.Zero);
        policy.OnExit(T0.AddSeconds(30), ExitCodes.Unavailable, wasUp: false, TimeSpan.Zero);

        Assert.True(policy.OnExit(T0.AddSeconds(61), ExitCodes.Unavailable, wasUp: false, TimeSpan.Zero).Respawn);
        Assert.False(policy.OnExit(T0.AddSeconds(62), ExitCodes.Unavailable, wasUp: false, TimeSpan.Zero).Respawn);
    }

    [Fact]
    public void Over_the_memory_limit_at_start_counts_as_a_failed_start_though_the_worker_said_it_was_up()
    {
        var policy = new RespawnPolicy(2, TimeSpan.FromSeconds(60));
        Assert.True(policy.OnExit(T0, ExitCodes.OverMemoryLimitAtStart, wasUp: true, TimeSpan.FromSeconds(1)).Respawn);

        var decision = policy.OnExit(T0.AddSeconds(5), ExitCodes.OverMemoryLimitAtStart, wasUp: true, TimeSpan.FromSeconds(1));

        Assert.False(decision.Respawn);
        Assert.Contains("over its memory limit at start", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_soft_memory_limit_is_a_planned_restart_at_once_and_exit_0_is_not_respawned()
    {
        var policy = new RespawnPolicy(5, TimeSpan.FromSeconds(60));
        policy.OnExit(T0, Sigkill, wasUp: true, TimeSpan.FromSeconds(2));

        Assert.Equal(RespawnDecision.After(TimeSpan.Zero, "a planned restart at its soft memory limit"), policy.OnExit(T0, ExitCodes.SoftMemoryLimit, wasUp: true, TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.OnExit(T0, Sigkill, wasUp: true, TimeSpan.FromSeconds(2)).Delay); // the planned exit reset the backoff
        Assert.False(policy.OnExit(T0, ExitCodes.Ok, wasUp: true, TimeSpan.FromSeconds(5)).Respawn);
    }
}
