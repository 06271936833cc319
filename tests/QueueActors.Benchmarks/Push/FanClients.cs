namespace QueueActors.Benchmarks.Push;

/// <summary>SSE clients on one channel (real HTTP connections), counting the events they read.</summary>
internal sealed class FanClients : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private long _received;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Received => Interlocked.Read(ref _received);

    public static async Task<FanClients> ConnectAsync(Uri node, string channel, int count)
    {
        var fans = new FanClients();
        var subscribed = new Countdown(count);
        for (var i = 0; i < count; i++)
        {
            fans._readers.Add(fans.ReadAsync(new Uri(node, "/push/sse?channel=" + channel), subscribed));
        }

        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return fans;
    }

    /// <summary>Waits until the clients read <paramref name="total"/> events in all.</summary>
    public async Task AwaitAllAsync(long total)
    {
        while (Received < total)
        {
            var progress = _progress.Task;
            if (Received >= total)
            {
                break;
            }

            await progress.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(Uri url, Countdown subscribed)
    {
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.StartsWith(": at ", StringComparison.Ordinal))
            {
                subscribed.Signal();
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _received);
                Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
    }
}
