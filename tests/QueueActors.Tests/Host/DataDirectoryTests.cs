using QueueActors.Tests.Host.Startup;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host;

/// <summary>
/// Where a node's data is: <c>--data-dir</c> on every verb, the variable QUEUEACTORS_DATA_DIR, and one-shot verbs
/// that never create a node's data where there is none (they used to make a new database and secret wherever
/// they were run, and report success into a file no node reads).
/// </summary>
public sealed class DataDirectoryTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory root = new();

    public static TheoryData<string[]> OneShotVerbs => new()
    {
        new[] { "publish", "--site", "a.example", "--queue", "email", "--json", "{}" },
        new[] { "purge-queue", "email" },
        new[] { "ctl", "cluster", "show" },
        new[] { "dead", "list" },
        new[] { "site", "list" },
    };

    [Theory]
    [MemberData(nameof(OneShotVerbs))]
    public async Task A_one_shot_verb_where_there_is_no_node_data_exits_2_says_how_to_point_at_it_and_creates_nothing(string[] args)
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(root.Path, "elsewhere")).FullName;

        await using var command = NodeProcess.StartIn(elsewhere, StartupFailure.CleanEnvironment, args);

        Assert.Equal(2, await command.WaitForExitAsync(Timeout));
        Assert.Contains($"error: no node data in {Path.Combine(elsewhere, "data")}", command.Output, StringComparison.Ordinal);
        Assert.Contains("--data-dir DIR, the variable QUEUEACTORS_DATA_DIR", command.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Fact]
    public async Task A_node_run_with_data_dir_is_reached_from_another_directory_by_data_dir_and_by_the_variable()
    {
        var data = Path.Combine(root.Path, "node-data");
        var nodeCwd = Directory.CreateDirectory(Path.Combine(root.Path, "node-cwd")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(root.Path, "elsewhere")).FullName;
        await using var node = NodeProcess.StartIn(nodeCwd, StartupFailure.CleanEnvironment, "run", "--data-dir", data);
        await node.WaitForLineAsync("Node node-1 is up", Timeout);

        await using (var publish = NodeProcess.StartIn(elsewhere, StartupFailure.CleanEnvironment, "publish", "--data-dir", data, "--site", "a.example", "--queue", "email", "--json", "{}"))
        {
            var exit = await publish.WaitForExitAsync(Timeout);
            Assert.True(exit == 0, $"publish exited {exit}:\n{publish.Output}");
            Assert.Contains("all confirmed", publish.Output, StringComparison.Ordinal);
        }

        var withVariable = new Dictionary<string, string?>(StartupFailure.CleanEnvironment) { ["QUEUEACTORS_DATA_DIR"] = data };
        await using (var ctl = NodeProcess.StartIn(elsewhere, withVariable, "ctl", "cluster", "show"))
        {
            Assert.Equal(0, await ctl.WaitForExitAsync(Timeout));
            Assert.Contains("as seen by node-1", ctl.Output, StringComparison.Ordinal);
        }

        await node.TerminateAsync();
        Assert.Equal(0, await node.WaitForExitAsync(Timeout));

        // Everything the node keeps is under --data-dir; nothing in the directories the processes were started from.
        Assert.True(File.Exists(Path.Combine(data, "queueactors.db")));
        Assert.True(File.Exists(Path.Combine(data, "cluster.secret")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(nodeCwd));
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    public void Dispose() => root.Dispose();
}
