using QueueActors.Host.Cli;
using Xunit;

namespace QueueActors.Tests.Host;

/// <summary>A flag whose value is not what it takes prints what is wrong and the verb's usage, and exits 1, before anything starts.</summary>
public sealed class BadFlagTests
{
    [Theory]
    [InlineData("--seed takes host:port", "ctl", "--seed", "not-an-address", "status")]
    [InlineData("--seed-nodes takes comma-separated host:port", "run", "--seed-nodes", "a,b")]
    [InlineData("--port takes a port from 0", "run", "--port", "70000")]
    public async Task A_bad_address_or_port_prints_the_error_and_the_usage_and_exits_1(string error, params string[] args)
    {
        await using var process = NodeProcess.Start(args);

        Assert.Equal(ExitCodes.Usage, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(error, process.Output, StringComparison.Ordinal);
        Assert.Contains("Usage:", process.Output, StringComparison.Ordinal);
    }
}
