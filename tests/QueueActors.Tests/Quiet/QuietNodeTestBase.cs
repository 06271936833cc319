using System.Text.Json;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Quiet;

/// <summary>
/// Quiet mode on a real node process (the test worker, concurrency 2, prefetch 4) driven by <c>ctl</c>: its events wait
/// at a gate (the action <c>gate</c>: until an <c>open</c> file is in <see cref="Out"/>), so the test knows exactly what
/// is in flight when the node goes quiet. Subclasses give the transport.
/// </summary>
public abstract class QuietNodeTestBase
{
    protected const int Concurrency = 2;
    protected const int Prefetch = 4;

    /// <summary>The processing settings every node of these tests runs with.</summary>
    protected const string QueueDefaults = "queueactors.processing.queue-defaults { concurrency = 2, prefetch = 4 }";

    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Where the test worker leaves its marker files.</summary>
    protected abstract string Out { get; }

    /// <summary>Publishes <paramref name="count"/> events with the action <c>gate</c> on the worker's queue.</summary>
    protected abstract Task PublishGatedAsync(int count);

    /// <summary>Events ready on the worker's broker queue (not those delivered and not yet acknowledged).</summary>
    protected abstract Task<long> ReadyAsync();

    /// <summary>Runs <c>queueactors ctl &lt;arguments&gt;</c> against the node to its end.</summary>
    protected abstract Task<(int ExitCode, string Output)> CtlAsync(params string[] arguments);

    protected int Started() => Markers("started");

    protected int Handled() => Markers("handled");

    protected void OpenGate() => File.WriteAllBytes(Path.Combine(Out, "open"), []);

    /// <summary><c>ctl &lt;arguments&gt;</c>, asserted to exit 0.</summary>
    protected async Task<string> CtlOkAsync(params string[] arguments)
    {
        var (code, text) = await CtlAsync(arguments);
        Assert.True(code == 0, $"ctl {string.Join(' ', arguments)} exited {code}:\n{text}");
        return text;
    }

    /// <summary><c>ctl status --json</c>: the one node's status.</summary>
    protected async Task<JsonElement> StatusAsync() => (await CtlJsonAsync("status")).EnumerateObject().Single().Value;

    /// <summary><c>ctl cluster show --json</c>: the node's row.</summary>
    protected async Task<JsonElement> MemberAsync(string node) => (await CtlJsonAsync("cluster", "show")).EnumerateArray().Single(m => m.GetProperty("node").GetString() == node);

    /// <summary>
    /// Both handlers at the gate and more events fetched behind them: <c>node quiet</c>; the node answers <c>status</c>
    /// and <c>cluster show</c> as quiet; once the gate opens it finishes the two in flight and starts none of the others
    /// (those it had fetched go back to the queue); <c>node resume</c> and every event is handled.
    /// </summary>
    protected async Task QuietStopsFetchingWithinOnePrefetchAndResumeHandlesTheRestAsync(string node)
    {
        const int Events = 10;
        await PublishGatedAsync(Events);
        await AwaitCondition.UntilAsync(() => Started() == Concurrency, Wait, "both handlers at the gate");

        Assert.Contains($"node {node} is quiet", await CtlOkAsync("node", "quiet"), StringComparison.Ordinal);

        var status = await StatusAsync();
        Assert.True(status.GetProperty("quiet").GetBoolean(), status.ToString());
        Assert.Equal(Concurrency, status.GetProperty("inFlight").GetInt64());
        var member = await MemberAsync(node);
        Assert.True(member.GetProperty("quiet").GetBoolean(), member.ToString());
        Assert.Equal(member.GetProperty("queues").GetArrayLength(), member.GetProperty("quietQueues").GetInt32()); // all (the worker's and the check probe's)

        OpenGate();

        await AwaitCondition.UntilAsync(
            async () => Handled() == Concurrency && await ReadyAsync() == Events - Concurrency,
            Wait,
            "the two events in flight handled and the other eight back on the queue");
        Assert.Equal(Concurrency, Started()); // none of the events fetched behind them (prefetch 4) started after quiet
        Assert.Equal(Events - Concurrency, await ReadyAsync());

        Assert.Contains($"node {node} resumed", await CtlOkAsync("node", "resume"), StringComparison.Ordinal);

        await AwaitCondition.UntilAsync(() => Handled() == Events, Wait, "every event handled after node resume");
    }

    private async Task<JsonElement> CtlJsonAsync(params string[] arguments)
    {
        var text = await CtlOkAsync([.. arguments, "--json"]);
        return JsonDocument.Parse(text[text.IndexOfAny(['{', '['])..]).RootElement.Clone();
    }

    private int Markers(string what) => Directory.EnumerateFiles(Out, what + ".*").Count();
}
