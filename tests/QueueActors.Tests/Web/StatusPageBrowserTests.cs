using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Scheduling;
using QueueActors.Host.Web.Status;
using QueueActors.TestKit;
using QueueActors.Tests.Host.Embedded;
using Xunit;

namespace QueueActors.Tests.Web;

/// <summary>
/// The status page of an embedded node in headless Chromium: it loads cleanly, shows the broker's depth and quiet mode, and its
/// buttons act on the node (pause, dead-letter replay); a POST without the antiforgery token is refused.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StatusPageBrowserTests(StatusPageFixture fixture) : IClassFixture<StatusPageFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private StatusPageNode Node => fixture.Node;

    private HeadlessChromium Chromium => fixture.Chromium;

    [Fact]
    public async Task The_page_loads_without_console_errors_and_shows_the_cluster_and_the_queues_with_quiet_mode()
    {
        Chromium.WebDriver.Navigate().GoToUrl(Node.PageUrl);

        Chromium.Until(d => d.FindElement(By.Id("connection")).Text == "live", "the page to follow the node's events");
        Chromium.Until(d => d.FindElement(By.CssSelector($"#members tr[data-node='{StatusPageNode.Name}'] td:nth-child(2)")).Text == "up", "the node listed as up");
        Chromium.Until(d => d.FindElements(By.CssSelector($"#queues tr[data-queue='{Node.BrokerQueue("pageload")}']")).Count == 1, "the queue listed");
        Chromium.Until(d => d.FindElement(By.CssSelector($"#members tr[data-node='{StatusPageNode.Name}'] a")).GetAttribute("href") == Node.PageUrl.ToString(), "the node's status page in its status");
        Chromium.Until(d => d.FindElement(By.Id("chart-handled")).GetAttribute("points")!.Length > 0, "the rate chart drawn");
        var processing = Node.Services.GetRequiredService<ProcessingService>();
        Assert.True(await processing.QuietQueueAsync("pageload"));
        Chromium.Until(d => d.FindElement(By.CssSelector($"#queues tr[data-queue='{Node.BrokerQueue("pageload")}'] td:nth-child(3)")).Text == "quiet", "the queue shown quiet");
        Chromium.Until(d => d.FindElement(By.CssSelector($"#members tr[data-node='{StatusPageNode.Name}'] td.quiet")).Text == "1 queue(s)", "the node's quiet queues counted");
        Assert.True(await processing.UnquietQueueAsync("pageload"));
        var errors = Chromium.SevereConsoleEntries();
        Assert.True(errors.Count == 0, "console errors:\n" + string.Join('\n', errors));
    }

    [Fact]
    public async Task A_pause_from_the_page_stops_consumption_and_the_page_shows_the_depth_the_broker_reports()
    {
        const string queue = "pagepause";
        var row = $"#queues tr[data-queue='{Node.BrokerQueue(queue)}']";
        Chromium.WebDriver.Navigate().GoToUrl(Node.PageUrl);
        Chromium.Click(By.CssSelector($"{row} button[data-action='pause']"), "the queue's pause button");
        Chromium.Until(d => d.FindElement(By.CssSelector($"{row} td:nth-child(3)")).Text == "paused", "the queue shown paused");
        Assert.True(Node.IsPaused(queue), "the node paused the queue");

        for (var i = 0; i < 3; i++)
        {
            await Node.PublishAsync(queue, $"while paused {i}");
        }

        await AwaitCondition.UntilAsync(async () => await Node.DepthAsync(queue) == 3, Wait, "the three events waiting on the broker");
        Chromium.Until(d => d.FindElement(By.CssSelector($"{row} td.depth")).Text == "3", "the page showing the broker's depth");
        var later = await Node.Services.GetRequiredService<IEventPublisher>().PublishAsync(StatusPageNode.Site, queue, new RecordedEvent("later"), new PublishOptions { Delay = TimeSpan.FromHours(1) });
        Chromium.Until(
            d => d.FindElement(By.CssSelector($"{row} td.scheduled")).Text.StartsWith("1 (next ", StringComparison.Ordinal)
                && d.FindElement(By.CssSelector($"{row} td.retries")).Text == "0"
                && d.FindElement(By.Id("retries")).Text == StatusCollector.RetriesPerQueue,
            "the page showing the delayed event held for the queue, and the SQL transport's retries counted per queue");
        Assert.True(await Node.Services.GetRequiredService<IScheduledEvents>().CancelAsync(later.MessageId));
        Assert.Equal(0, Enumerable.Range(0, 3).Sum(i => Node.Events.HandledCount($"while paused {i}")));

        Chromium.Click(By.CssSelector($"{row} button[data-action='resume']"), "the queue's resume button");
        await AwaitCondition.UntilAsync(() => Enumerable.Range(0, 3).All(i => Node.Events.HandledCount($"while paused {i}") == 1), Wait, "the three events handled after the resume");
    }

    [Fact]
    public async Task A_dead_letter_replayed_from_the_page_is_handled()
    {
        const string queue = "pagedead";
        const string text = "dead then replayed";
        Node.Events.FailOn(text);
        await Node.PublishAsync(queue, text);
        Chromium.WebDriver.Navigate().GoToUrl(Node.PageUrl);
        var id = Chromium.Until(d => d.FindElements(By.CssSelector("#dead tbody tr")).FirstOrDefault(r => r.FindElement(By.CssSelector("td:nth-child(3)")).Text == queue)?.GetAttribute("data-dead"), "the dead letter listed");

        Node.Events.Heal(text);
        Chromium.Click(By.CssSelector($"#dead tr[data-dead='{id}'] button[data-action='replay-dead']"), "the dead letter's replay button");

        await AwaitCondition.UntilAsync(() => Node.Events.HandledCount(text) == 1, Wait, "the replayed event handled");
        Chromium.Until(d => d.FindElement(By.Id("message")).Text.Contains("1 dead letter(s) published again", StringComparison.Ordinal), "the page telling the replay");
    }

    [Fact]
    public async Task A_cross_site_post_without_the_antiforgery_token_is_refused()
    {
        const string queue = "pagecsrf";
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["queue"] = queue });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Node.PageUrl, "api/queues/pause")) { Content = form };
        request.Headers.Add("Origin", "http://elsewhere.example");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(Node.IsPaused(queue), "the queue still runs");
    }
}
