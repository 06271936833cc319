using Xunit;

namespace QueueActors.Tests.Host.Startup;

/// <summary>
/// What a broken start looks like from outside: <c>queueactors run</c> exits with a documented code and writes
/// one <c>error:</c> line, never a stack trace or a failed log line.
/// </summary>
internal static class StartupFailure
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The variables that could change what these tests configure.</summary>
    public static readonly IReadOnlyDictionary<string, string?> CleanEnvironment = new Dictionary<string, string?>
    {
        ["QUEUEACTORS_CLUSTER_SECRET"] = null,
        ["QUEUEACTORS_DATA_DIR"] = null,
        ["QUEUEACTORS_NODE_NAME"] = null,
        ["QUEUEACTORS_POSTGRES"] = null,
    };

    /// <summary>Runs <c>run --config file</c> in <paramref name="folder"/> and returns its exit code and its one error line.</summary>
    /// <param name="folder">Where the file is written and the node started.</param>
    /// <param name="config">The file's text.</param>
    /// <param name="environment">Variables over <see cref="CleanEnvironment"/>.</param>
    public static async Task<(int ExitCode, string Error, string Output)> RunAsync(string folder, string config, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var file = Path.Combine(folder, "node.conf");
        await File.WriteAllTextAsync(file, config);
        var variables = new Dictionary<string, string?>(CleanEnvironment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        await using var node = NodeProcess.StartIn(folder, variables, "run", "--config", file);
        var code = await node.WaitForExitAsync(Timeout);
        var output = node.Output;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.DoesNotContain(lines, line => line.StartsWith("at ", StringComparison.Ordinal) || line.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, line => line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains(" crit: ", StringComparison.Ordinal));
        var error = Assert.Single(lines, line => line.StartsWith("error: ", StringComparison.Ordinal));
        return (code, error, output);
    }
}
