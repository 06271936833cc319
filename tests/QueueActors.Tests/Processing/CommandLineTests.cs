using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Processing;

/// <summary>The queueactors commands, run as the real executable (the test worker is queueactors plus one handler).</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "qa-cli-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Dead_list_asks_the_running_embedded_node_whose_store_took_in_the_dead_letter_files()
    {
        var dead = Path.Combine(_root, "dead");
        var envelope = new Envelope { Site = "example.com", Queue = "email", EnqueuedAt = DateTimeOffset.UtcNow, Body = "{}"u8.ToArray() };
        var record = DeadLetterRecord.Create(envelope, "qa.email", DeadLetterReason.RetriesExhausted, 6, new InvalidOperationException("smtp down"), "n1", DateTimeOffset.UtcNow);
        await new DeadLetterFiles(dead).WriteAsync(record);
        var config = Config($"queueactors {{ shutdown-timeout = 2s, data-directory = \"{Path.Combine(_root, "data")}\", processing.dead-letter-dir = \"{dead}\" }}");
        await using var node = WorkerProcess.Start(["run", "--config", config], "worker", _root);
        await TestKit.AwaitCondition.UntilAsync(() => node.Output.Contains("now runs the seed roles", StringComparison.Ordinal) || node.HasExited, Wait, "the node to run its seed roles");

        var (exitCode, output) = await RunAsync("dead", "list", "--config", config);

        Assert.True(exitCode == 0, output + "\n--- node ---\n" + node.Output);
        Assert.Contains("1 dead letter(s)", output);
        Assert.Contains(record.Id, output);
        Assert.Contains("RetriesExhausted", output);
        Assert.Contains("smtp down", output);
    }

    [Fact]
    public async Task Publish_without_a_broker_commits_into_the_embedded_database_under_the_data_directory()
    {
        var data = Path.Combine(_root, "data");
        var config = Config($"queueactors {{ shutdown-timeout = 2s, data-directory = \"{data}\" }}");
        await using var node = WorkerProcess.Start(["run", "--config", config], "worker", _root);
        await TestKit.AwaitCondition.UntilAsync(() => node.Output.Contains("now runs the seed roles", StringComparison.Ordinal) || node.HasExited, Wait, "the node to run its seed roles (the site registry publish asks)");

        var (exitCode, output) = await RunAsync("publish", "--site", "s", "--queue", "email", "--json", "{}", "--config", config);

        Assert.True(exitCode == 0, output + "\n--- node ---\n" + node.Output);
        Assert.Contains("published 1 event(s) to qa.email", output);
        Assert.True(File.Exists(Path.Combine(data, "queueactors.db")), output);
    }

    [Fact]
    public async Task Process_queue_with_a_site_consumes_the_breakout_queue_the_configuration_gives_the_site()
    {
        var config = Config($$"""queueactors { shutdown-timeout = 2s, data-directory = "{{Path.Combine(_root, "data")}}", sites { "b.example" { breakout = [worker] } } }""");
        await using var node = WorkerProcess.Start(["process-queue", "--queue", "worker", "--site", "b.example", "--config", config], "worker", _root);

        await TestKit.AwaitCondition.UntilAsync(() => node.Output.Contains("Processing queue worker", StringComparison.Ordinal) || node.HasExited, Wait, "the processor to start");

        Assert.True(node.Output.Contains("from broker queue qa.b.example.worker", StringComparison.Ordinal), node.Output);
        Assert.DoesNotContain("from broker queue qa.worker", node.Output);
    }

    [Fact]
    public async Task Run_without_a_broker_runs_on_the_embedded_sql_transport_and_stops_cleanly_on_sigterm()
    {
        var data = Path.Combine(_root, "data");
        await using var node = WorkerProcess.Start(["run", "--config", Config($"queueactors {{ shutdown-timeout = 2s, data-directory = \"{data}\" }}")], "worker", _root);

        await TestKit.AwaitCondition.UntilAsync(() => node.Output.Contains("is up", StringComparison.Ordinal), Wait, "the node to start");
        Assert.Contains($"embedded SQL queues in {Path.Combine(data, "queueactors.db")}", node.Output);
        await node.TerminateAsync();
        await node.WaitForExitAsync().WaitAsync(Wait);
        Assert.Equal(0, node.ExitCode);
        Assert.Contains("has stopped", node.Output);
    }

    [Fact]
    public async Task A_second_node_process_with_the_same_name_on_the_same_data_directory_fails_clearly_with_exit_2()
    {
        var config = Config($"queueactors {{ shutdown-timeout = 2s, data-directory = \"{Path.Combine(_root, "data")}\" }}");
        await using var first = WorkerProcess.Start(["run", "--config", config], "worker", _root);
        await TestKit.AwaitCondition.UntilAsync(() => first.Output.Contains("is up", StringComparison.Ordinal), Wait, "the first node to start");

        var (exitCode, output) = await RunAsync("run", "--config", config);

        Assert.Equal(2, exitCode);
        Assert.Contains("error: Another process runs this node (its name on this data directory) already", output);
        Assert.DoesNotContain("Hosting failed to start", output);
        Assert.DoesNotContain("   at ", output);
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private string Config(string text)
    {
        var file = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8] + ".conf");
        File.WriteAllText(file, text);
        return file;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await using var process = WorkerProcess.Start(arguments, "worker", _root);
        await process.WaitForExitAsync().WaitAsync(Wait);
        return (process.ExitCode, process.Output);
    }
}
