using QueueActors.Host.Cli;
using Xunit;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>
/// One-shot verbs run as the real executable against a running node print their answer and warnings only; the
/// information lines of opening the transport only with --verbose; and no progress line when stdout is a pipe.
/// </summary>
public sealed class OneShotOutputTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private RunningEmbeddedNode? _node;

    private string ConfigFile => _node!.ConfigFile;

    public async Task InitializeAsync() => _node = await RunningEmbeddedNode.StartAsync();

    [Theory]
    [InlineData("publish", "--site", "a.example", "--queue", "email", "--json", "{}")]
    [InlineData("purge-queue", "other", "--site", "a.example")]
    [InlineData("site", "list")]
    [InlineData("dead", "list")]
    [InlineData("ctl", "cluster", "show")]
    public async Task A_one_shot_verb_prints_its_answer_without_information_lines(params string[] args)
    {
        var (code, output) = await RunAsync([.. args, "--config", ConfigFile]);

        Assert.True(code == ExitCodes.Ok, output);
        Assert.DoesNotContain(" info: ", output, StringComparison.Ordinal);
        Assert.NotEmpty(output.Trim());
    }

    [Fact]
    public async Task With_verbose_the_information_lines_are_printed_too()
    {
        var (code, output) = await RunAsync("purge-queue", "other", "--config", ConfigFile, "--verbose");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(" info: ", output, StringComparison.Ordinal);
        Assert.Contains("purged 0 event(s) from qa.other", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_count_into_a_pipe_prints_the_answer_line_only_no_progress()
    {
        var (code, output) = await RunAsync("publish", "--site", "a.example", "--queue", "email", "--json", "{}", "--count", "300", "--config", ConfigFile);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("published 300 event(s) to qa.email", Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries))[..34]);
        Assert.DoesNotContain('\r', output);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var process = NodeProcess.Start(args);
        var code = await process.WaitForExitAsync(Timeout);
        return (code, process.Output);
    }
}
