using System.Net;
using System.Text.RegularExpressions;
using QueueActors.Host.Demo;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Web;

/// <summary><c>demo</c> prints its status page's address; with <c>--keep</c> (<see cref="DemoRunner.StayUp"/>) the page stays up after the events settled, until Ctrl+C.</summary>
[Trait("Category", "Integration")]
public sealed partial class DemoStatusPageTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempDirectory data = new();
    private readonly StringWriter output = new();
    private readonly TextWriter synchronized;

    public DemoStatusPageTests() => synchronized = TextWriter.Synchronized(output);

    [Fact]
    public async Task The_demo_with_keep_serves_its_page_after_the_events_settled_until_cancelled()
    {
        using var ctrlC = new CancellationTokenSource();
        var demo = new DemoRunner(synchronized, liveLine: false) { Timeout = Wait, StayUp = true }.RunAsync(30, data.Path, ctrlC.Token);

        await AwaitCondition.UntilAsync(() => Text().Contains("stay up until Ctrl+C", StringComparison.Ordinal) || demo.IsCompleted, Wait, "the demo to settle and stay up");
        var page = PageLine().Match(Text());
        Assert.True(page.Success, Text());
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(page.Groups[1].Value + "api/status"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(demo.IsCompleted, "the demo ended before Ctrl+C");

        await ctrlC.CancelAsync();
        var outcome = await demo.WaitAsync(Wait);
        Assert.True(outcome.Finished, Text());
    }

    public void Dispose()
    {
        output.Dispose();
        data.Dispose();
    }

    // TextWriter.Synchronized locks the wrapper itself (MethodImplOptions.Synchronized): so does this read.
    private string Text()
    {
        lock (synchronized)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"status page: (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex PageLine();
}
