using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Processing.RabbitMq;

/// <summary><c>publish</c> and <c>purge-queue</c> against a real broker, as an operator runs them.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqCommandLineTests(RabbitMqFixture brokers) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _root = Directory.CreateTempSubdirectory("qa-cli-rmq-").FullName;
    private readonly string _queue = "cli-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Publish_count_puts_confirmed_events_on_the_sites_broker_queue_and_purge_queue_drops_them()
    {
        var broker = brokers.Primary.AmqpUri.ToString();

        var (published, publishOutput) = await RunAsync("publish", "--broker", broker, "--site", "a.example", "--queue", _queue, "--json", "{\"to\":\"x@example.com\"}", "--count", "3");
        Assert.Equal(0, published);
        Assert.Contains($"published 3 event(s) to qa.{_queue}", publishOutput);
        Assert.DoesNotContain("guest:guest", publishOutput); // the password never shows

        var (purged, purgeOutput) = await RunAsync("purge-queue", _queue, "--broker", broker, "--site", "a.example");
        Assert.Equal(0, purged);
        Assert.Contains($"purged 3 event(s) from qa.{_queue}", purgeOutput);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await using var process = WorkerProcess.Start(arguments, "worker", _root);
        await process.WaitForExitAsync().WaitAsync(Wait);
        return (process.ExitCode, process.Output);
    }
}
