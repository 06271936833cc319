using System.Net.Http.Headers;

namespace QueueActors.Tests.Push;

/// <summary>A real server-sent-events client over HttpClient: reads the stream's events (and comment lines) as they come.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    private readonly Queue<SseEvent> _pending = new(); // read while waiting for a comment

    /// <summary>The comment lines read so far (heartbeats, <c>at &lt;channel&gt;</c>).</summary>
    public List<string> Comments { get; } = [];

    /// <summary>Connects to <paramref name="path"/> (e.g. <c>/push/sse?channel=site:1</c>) and waits until subscribed to its <paramref name="channels"/>.</summary>
    public static async Task<SseClient> ConnectAsync(HttpClient client, string path, string? lastEventId = null, params string[] channels)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var sse = new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        foreach (var channel in channels)
        {
            await sse.AwaitCommentAsync("at " + channel);
        }

        return sse;
    }

    /// <summary>Reads until comment <paramref name="text"/> came.</summary>
    public async Task AwaitCommentAsync(string text)
    {
        while (!Comments.Contains(text))
        {
            if (await ReadAsync(eventsOnly: false) is { } read)
            {
                _pending.Enqueue(read);
            }
        }
    }

    /// <summary>The next event (comments are kept in <see cref="Comments"/>); within 30 s.</summary>
    public async Task<SseEvent> NextAsync() => _pending.TryDequeue(out var read) ? read : (await ReadAsync(eventsOnly: true))!;

    private async Task<SseEvent?> ReadAsync(bool eventsOnly)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? id = null, type = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the event stream ended");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SseEvent(id ?? "", type ?? "message", data);
                }

                if (!eventsOnly)
                {
                    return null;
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
