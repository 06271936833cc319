using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using QueueActors.Actors.Processing;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Web;

/// <summary>The status page of a node on a real RabbitMQ broker shows a queue's depth as the broker itself reports it (rabbitmqctl).</summary>
[Collection(RabbitMqCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StatusPageRabbitMqTests(RabbitMqFixture brokers) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private StatusPageNode node = null!;
    private HeadlessChromium? chromium;

    private string Queue => "pagerabbit" + id;

    public async Task InitializeAsync()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"qa-page-{id}.secret");
        await File.WriteAllTextAsync(secret, "status-page-rabbitmq-test-secret-" + id);
        node = new StatusPageNode(settings: $$"""
            transport.rabbitmq.servers = ["{{brokers.Primary.AmqpUri}}"]
            cluster {
              control-channel = "qa.control-page-{{id}}"
              signing.secret-file = "{{secret}}"
            }
            messaging.dead-letter-queue = "qa.dead-letters-page-{{id}}"
            """, queues: Queue);
        await node.StartAsync();
        File.Delete(secret); // read at start
        chromium = HeadlessChromium.Start();
    }

    [Fact]
    public async Task The_page_shows_a_queues_depth_as_the_broker_reports_it()
    {
        Assert.True(await node.Services.GetRequiredService<ProcessingService>().PauseAsync(Queue, site: null, CancellationToken.None), "the node runs the queue");
        for (var i = 0; i < 4; i++)
        {
            await node.PublishAsync(Queue, $"waiting {i}");
        }

        var brokerQueue = node.BrokerQueue(Queue);
        await AwaitCondition.UntilAsync(async () => (await OnBrokerAsync(brokerQueue)).Ready == 4, Wait, "rabbitmqctl counting the four events ready");

        chromium!.WebDriver.Navigate().GoToUrl(node.PageUrl);
        var row = $"#queues tr[data-queue='{brokerQueue}']";
        chromium.Until(d => d.FindElement(By.CssSelector($"{row} td.depth")).Text == "4", "the page showing the broker's depth");
        var broker = await OnBrokerAsync(brokerQueue);
        Assert.Equal(4, broker.Ready);
        chromium.Until(d => d.FindElement(By.CssSelector($"{row} td.consumers")).Text == broker.Consumers.ToString(CultureInfo.InvariantCulture), "the page showing the broker's consumers");
        chromium.Until(d => d.FindElement(By.Id("retries")).Text.StartsWith("0 in RabbitMQ's delay queues", StringComparison.Ordinal), "the page counting the retries in the shared delay queues");
    }

    public async Task DisposeAsync()
    {
        chromium?.Dispose();
        if (node is not null)
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>The broker's own count of ready messages and consumers (rabbitmqctl), not the transport's; -1 for a queue it does not list.</summary>
    private async Task<(long Ready, long Consumers)> OnBrokerAsync(string brokerQueue)
    {
        var lines = await brokers.Primary.CtlAsync("list_queues", "name", "messages_ready", "consumers", "--no-table-headers", "-q");
        var row = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length == 3 && f[0] == brokerQueue);
        return row is null ? (-1, -1) : (long.Parse(row[1], CultureInfo.InvariantCulture), long.Parse(row[2], CultureInfo.InvariantCulture));
    }
}
