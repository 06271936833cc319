using System.Net.Sockets;
using System.Text;
using QueueActors.Actors.Push;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Push;

/// <summary>A client that stops reading is cut off at its buffer's bound, not buffered for without end.</summary>
[Trait("Category", "Integration")]
[Collection(PushNodeCollection.Name)]
public sealed class SlowClientTests(PushNode node)
{
    [Fact]
    public async Task A_client_that_stops_reading_is_cut_off_at_its_buffer_bound()
    {
        var channel = PushChannel.Site("slow-" + Guid.NewGuid().ToString("N")[..6]);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(node.Url.Host, node.Url.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"GET /push/sse?channel={channel.Name} HTTP/1.1\r\nHost: {node.Url.Authority}\r\nAuthorization: Bearer {PushNode.Token}\r\nAccept: text/event-stream\r\n\r\n"));
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains(": at " + channel.Name, StringComparison.Ordinal)) // subscribed
        {
            var n = await socket.ReceiveAsync(buffer);
            Assert.True(n > 0, "the stream ended before it subscribed:\n" + received);
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        // Then it reads nothing: 500 events of 32 KB cannot all fit in the socket's and Kestrel's buffers plus 16 events.
        var cutOffBefore = node.Hub.CutOffClients;
        var payload = new string('x', 32 * 1024);
        const int Pushed = 500;
        for (var i = 0; i < Pushed; i++)
        {
            await node.Push.PushAsync(channel, "bulk", payload);
        }

        await AwaitCondition.UntilAsync(() => node.Hub.CutOffClients > cutOffBefore, TimeSpan.FromSeconds(30), "the slow client to be cut off");

        // What it can still read ends: the server closed (aborted) the connection, short of everything pushed.
        var events = 0;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            int n;
            var tail = new StringBuilder();
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                tail.Append(Encoding.UTF8.GetString(buffer, 0, n));
                events += CountAndTrim(tail);
            }
        }
        catch (SocketException)
        {
            // reset by the server: also an end
        }

        Assert.InRange(events, 0, Pushed - 1);
    }

    private static int CountAndTrim(StringBuilder text)
    {
        var s = text.ToString();
        var count = 0;
        int at;
        while ((at = s.IndexOf("event: bulk", StringComparison.Ordinal)) >= 0)
        {
            count++;
            s = s[(at + 11)..];
        }

        text.Clear().Append(s);
        return count;
    }
}
