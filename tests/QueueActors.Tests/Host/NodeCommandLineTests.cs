using Xunit;

namespace QueueActors.Tests.Host;

public sealed class NodeCommandLineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string folder = Directory.CreateTempSubdirectory("qa-host-").FullName;

    [Fact]
    public async Task A_node_starts_logs_that_it_is_up_and_stops_cleanly_on_SIGTERM()
    {
        var config = Path.Combine(folder, "node.conf");
        await File.WriteAllTextAsync(config, $"queueactors.data-directory = \"{Path.Combine(folder, "data")}\"\n");
        await using var node = NodeProcess.Start("run", "--config", config);
        await node.WaitForLineAsync("Node node-1 is up", Timeout);

        await node.TerminateAsync();

        Assert.Equal(0, await node.WaitForExitAsync(Timeout));
        Assert.Contains("Node node-1 has stopped", node.Output);
    }

    [Fact]
    public async Task A_bad_config_file_exits_with_code_2_naming_file_line_and_key()
    {
        var file = Path.Combine(folder, "bad.conf");
        await File.WriteAllTextAsync(file, "queueactors {\n  node {\n    ask-timeout = fast\n  }\n}\n");

        await using var node = NodeProcess.Start("--config", file);

        Assert.Equal(2, await node.WaitForExitAsync(Timeout));
        Assert.Contains($"{file}:3:19: queueactors.node.ask-timeout: expected a duration such as 500ms", node.Output);
    }

    [Fact]
    public async Task A_config_file_that_does_not_exist_exits_with_code_2()
    {
        await using var node = NodeProcess.Start("--config", Path.Combine(folder, "missing.conf"));

        Assert.Equal(2, await node.WaitForExitAsync(Timeout));
        Assert.Contains("missing.conf does not exist", node.Output);
    }

    [Fact]
    public async Task An_unknown_flag_prints_usage_and_exits_with_code_1()
    {
        await using var node = NodeProcess.Start("--bogus");

        Assert.Equal(1, await node.WaitForExitAsync(Timeout));
        Assert.Contains("Unrecognized command or argument '--bogus'", node.Output);
        Assert.Contains("Usage:", node.Output);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_with_code_0()
    {
        await using var node = NodeProcess.Start("--help");

        Assert.Equal(0, await node.WaitForExitAsync(Timeout));
        Assert.Contains("run", node.Output);
        Assert.Contains("--config", node.Output);
    }

    [Fact]
    public async Task Process_queue_for_a_queue_without_a_handler_is_one_line_and_exit_code_5()
    {
        await using var node = NodeProcess.Start("process-queue", "--queue", "email", "--config", Path.Combine(folder, "none.conf"));

        Assert.Equal(QueueActors.Host.Cli.ExitCodes.NoHandler, await node.WaitForExitAsync(Timeout));
        var line = Assert.Single(node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: no handler for queue email in this executable (it handles no queue)", line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
