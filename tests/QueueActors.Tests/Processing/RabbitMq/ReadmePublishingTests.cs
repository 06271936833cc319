using System.Diagnostics;
using System.Text.RegularExpressions;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RabbitMq;

/// <summary>
/// The Python program and the shell command of README.md's "Publishing from other languages", run as written
/// (only the broker address, the queue and the interpreter's path replaced) against a node on a real broker.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed partial class ReadmePublishingTests(RabbitMqFixture brokers, ITestOutputHelper output) : RabbitProcessingTestBase(brokers, output)
{
    private const string ReadmeUrl = "amqp://guest:guest@localhost:5672/%2F";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_python_program_publishes_a_plain_event_that_the_node_handles_with_the_assumed_site()
    {
        await StartPlainQueueAsync();
        var program = Adapt(Block("python"));
        var file = Path.Combine(Path.GetTempPath(), $"qa-readme-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(file, program);
        try
        {
            await RunAsync(PythonProducer.Python, file);
        }
        finally
        {
            File.Delete(file);
        }

        var handled = await Recorder.WaitForHandledAsync("welcome-42", Wait);
        Assert.Equal(("zulip.example", WorkQueue), (handled.Envelope.Site, handled.Envelope.Queue));
    }

    [Fact]
    public async Task The_shell_command_publishes_a_plain_event_that_the_node_handles_with_the_assumed_site()
    {
        await StartPlainQueueAsync();
        var command = Adapt(Block("sh", "python3 -c"));
        Assert.StartsWith("python3 -c", command, StringComparison.Ordinal);

        await RunAsync("bash", "-c", PythonProducer.Python + command["python3".Length..]);

        await Recorder.WaitUntilAsync(r => r.Handled.Count == 1, "the event to be handled", Wait);
        Assert.Equal("zulip.example", Recorder.Handled[0].Envelope.Site);
    }

    private async Task StartPlainQueueAsync()
    {
        await StartAsync(Config($"""
            queueactors.messaging.persistent = [{WorkQueue}]
            queueactors.processing.queue-overrides.{WorkQueue}.default-site = "zulip.example"
            """), await ConnectAsync());
        await AwaitCondition.UntilAsync(async () => (await Harness.Transport.GetStatusAsync("qa." + WorkQueue)).Consumers > 0, Wait, "the node to consume its queue");
    }

    /// <summary>The README's example, pointed at this test's broker and queue.</summary>
    private string Adapt(string example)
    {
        Assert.Contains(ReadmeUrl, example, StringComparison.Ordinal);
        return example.Replace(ReadmeUrl, $"amqp://guest:guest@127.0.0.1:{Brokers.Primary.AmqpPort}/%2F", StringComparison.Ordinal)
            .Replace("qa.email", "qa." + WorkQueue, StringComparison.Ordinal);
    }

    /// <summary>The first <paramref name="language"/> code block of the section (that starts with <paramref name="start"/>).</summary>
    private static string Block(string language, string start = "")
    {
        var readme = File.ReadAllText(FindReadme());
        var section = readme[readme.IndexOf("## Publishing from other languages", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 4, StringComparison.Ordinal)];
        return CodeBlock().Matches(section).Where(m => m.Groups[1].Value == language && m.Groups[2].Value.StartsWith(start, StringComparison.Ordinal))
            .Select(m => m.Groups[2].Value).First();
    }

    private async Task RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Wait);
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}\n(pika missing? apt-get install python3-pika or ./test.sh)");
    }

    private static string FindReadme()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "QueueActors.sln")))
            {
                return Path.Combine(folder.FullName, "README.md");
            }
        }

        throw new FileNotFoundException("README.md beside QueueActors.sln, above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"```(\w+)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
