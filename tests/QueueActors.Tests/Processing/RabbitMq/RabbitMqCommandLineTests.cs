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

    [Fact]
    public async Task Publish_and_purge_queue_follow_a_breakout_declared_for_the_site_in_the_configuration()
    {
        var broker = brokers.Primary.AmqpUri.ToString();
        var config = Path.Combine(_root, "sites.conf");
        await File.WriteAllTextAsync(config, $"queueactors.sites {{ \"b.example\" {{ breakout = [{_queue}] }}, \"off.example\" {{ enabled = false }} }}\n");

        var (published, publishOutput) = await RunAsync("publish", "--broker", broker, "--config", config, "--site", "b.example", "--queue", _queue, "--json", "{}", "--count", "2");
        Assert.True(published == 0, publishOutput);
        Assert.Contains($"published 2 event(s) to qa.b.example.{_queue}", publishOutput);

        var (refused, refusedOutput) = await RunAsync("publish", "--broker", broker, "--config", config, "--site", "off.example", "--queue", _queue, "--json", "{}");
        Assert.Equal(4, refused);
        Assert.Contains("site off.example is disabled", refusedOutput);

        var (purged, purgeOutput) = await RunAsync("purge-queue", _queue, "--broker", broker, "--config", config, "--site", "b.example");
        Assert.Equal(0, purged);
        Assert.Contains($"purged 2 event(s) from qa.b.example.{_queue}", purgeOutput);
    }

    [Fact]
    public async Task Publish_and_purge_queue_follow_the_breakouts_of_the_configuration_and_of_the_site_registry()
    {
        var broker = brokers.Primary.AmqpUri.ToString();
        var id = _queue[4..];
        var secret = Path.Combine(_root, "cluster.secret");
        await File.WriteAllTextAsync(secret, "command-line-test-secret-" + id);
        var config = Path.Combine(_root, "cluster.conf");
        await File.WriteAllTextAsync(config, $$"""
            queueactors {
              cluster {
                control-channel = "qa.control-{{id}}"
                signing.secret-file = "{{secret}}"
              }
              messaging.dead-letter-queue = "qa.dead-letters-{{id}}"
              shutdown-timeout = 2s
              data-directory = "{{Path.Combine(_root, "data")}}"
              processing.dead-letter-dir = "{{Path.Combine(_root, "dead")}}"
              sites { "c.example" { breakout = [{{_queue}}] } }
            }
            """);
        await using var node = WorkerProcess.Start(["run", "--broker", broker, "--config", config], "other-" + id, _root);
        await TestKit.AwaitCondition.UntilAsync(() => node.Output.Contains("now runs the seed roles", StringComparison.Ordinal) || node.HasExited, Wait, "the node to run the site registry");

        var (added, addOutput) = await RunAsync("site", "add", "r.example", "--breakout", _queue, "--broker", broker, "--config", config);
        Assert.True(added == 0, addOutput + "\n--- node ---\n" + node.Output);
        var (fromRegistry, registryOutput) = await RunAsync("publish", "--broker", broker, "--config", config, "--site", "r.example", "--queue", _queue, "--json", "{}");
        var (fromConfig, configOutput) = await RunAsync("publish", "--broker", broker, "--config", config, "--site", "c.example", "--queue", _queue, "--json", "{}");
        var (purged, purgeOutput) = await RunAsync("purge-queue", _queue, "--broker", broker, "--config", config, "--site", "r.example");

        Assert.True(fromRegistry == 0, registryOutput);
        Assert.Contains($"published 1 event(s) to qa.r.example.{_queue}", registryOutput);
        Assert.True(fromConfig == 0, configOutput);
        Assert.Contains($"published 1 event(s) to qa.c.example.{_queue}", configOutput);
        Assert.True(purged == 0, purgeOutput);
        Assert.Contains($"purged 1 event(s) from qa.r.example.{_queue}", purgeOutput);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await using var process = WorkerProcess.Start(arguments, "worker", _root);
        await process.WaitForExitAsync().WaitAsync(Wait);
        return (process.ExitCode, process.Output);
    }
}
