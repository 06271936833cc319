using System.Text.Json;
using QueueActors.Host.Cli;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Workers;

/// <summary>
/// A master on the embedded SQLite transport: workers over their memory limit at start (a soft limit below the start-up
/// footprint) are started worker-start-failures times and no more, the master says why and exits non-zero; SIGHUP
/// restarts the workers one at a time, SIGTERM stops them all and the master exits 0.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WorkerMasterEmbeddedTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private MasterProcess? _master;

    [Fact]
    public async Task Workers_over_their_memory_limit_at_start_are_started_the_configured_number_of_times_and_the_master_exits_non_zero()
    {
        var config = WriteConfig("node { soft-memory-limit = 1MiB, memory-check-interval = 200ms, worker-start-failures = 2, worker-start-window = 60s }");
        _master = MasterProcess.Start(config, 2, "worker", Out);

        await _master.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.WorkersFailed, _master.Process.ExitCode);
        foreach (var worker in new[] { "node-1-1", "node-1-2" })
        {
            Assert.Equal(2, _master.Count($"Worker {worker} started")); // no respawn loop
            Assert.Matches($@"Worker {worker} \(pid \d+\) exited with code 8 \(over its memory limit at start\); not started again: it failed to start 2 times within 60s", _master.Output);
        }

        Assert.Equal(4, _master.Count("is over its memory limit at start: working set"));
        Assert.Equal(2, _master.Count("not started again: it failed to start 2 times within 60s"));
    }

    [Fact]
    public async Task Sighup_restarts_the_workers_one_at_a_time_and_sigterm_stops_them_with_exit_0()
    {
        var config = WriteConfig("");
        var master = _master = MasterProcess.Start(config, 2, "worker", Out);
        await AwaitAsync(() => master.UpPids("node-1-2").Count == 1, "both workers up");

        using (var hangUp = System.Diagnostics.Process.Start("kill", ["-HUP", master.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await hangUp.WaitForExitAsync();
        }

        await AwaitAsync(() => master.UpPids("node-1-1").Count == 2 && master.UpPids("node-1-2").Count == 2, "both workers restarted");
        await master.Process.TerminateAsync();
        await master.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, master.Process.ExitCode);
        var said = master.Output;
        Assert.Equal(2, master.Count("exited with code 0 (stopped) for the rolling restart"));
        // One at a time: worker 2 was stopped only after worker 1's successor was up.
        Assert.True(said.IndexOf($"(pid {master.UpPids("node-1-1")[1]}) is up", StringComparison.Ordinal) < said.IndexOf("Worker node-1-2 (pid", said.IndexOf("SIGHUP", StringComparison.Ordinal), StringComparison.Ordinal), said);
    }

    [Fact]
    public async Task A_master_started_with_sighup_ignored_says_that_sighup_will_not_restart_its_workers()
    {
        var master = _master = MasterProcess.Start(WriteConfig(""), 2, "worker", Out, hangUp: "--ignore-signal=HUP");
        await AwaitAsync(() => master.Output.Contains("SIGHUP will not restart the workers; use `ctl node restart`", StringComparison.Ordinal), "the warning");

        await master.Process.TerminateAsync();
        await master.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, master.Process.ExitCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    private string Out => Path.Combine(_root.Path, "out");

    private string WriteConfig(string extra)
    {
        Directory.CreateDirectory(Out);
        var config = Path.Combine(_root.Path, "node.conf");
        File.WriteAllText(config, $$"""
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(_root.Path, "data"))}}
              shutdown-timeout = 5s
              {{extra}}
            }
            """);
        return config;
    }

    private async Task AwaitAsync(Func<bool> condition, string what)
    {
        try
        {
            await QueueActors.TestKit.AwaitCondition.UntilAsync(condition, TimeSpan.FromSeconds(30), what);
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"Not {what} within 30 s; the master said:\n{_master?.Output}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_master is not null)
        {
            output.WriteLine(_master.Output);
            await _master.DisposeAsync();
        }

        _root.Dispose();
    }
}
