using System.Text;
using QueueActors.Actors.Transport.Sql;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Broadcast;

/// <summary>
/// The SQL broadcast log does not grow forever: publishes prune the rows older than broadcast-retention. The
/// clock is manual, so the test moves time instead of waiting for it.
/// </summary>
public abstract class SqlBroadcastPruneBehaviour
{
    private static readonly SqlTransportSettings Settings = SqlTestTransports.Settings with { BroadcastRetention = TimeSpan.FromMinutes(1) };

    /// <summary>Opens a transport on the backend's database with <paramref name="settings"/> and the clock <paramref name="time"/>.</summary>
    protected abstract Task<SqlTransport> OpenAsync(SqlTransportSettings settings, TimeProvider time);

    /// <summary>The payloads of the channel's rows in <c>broadcast_messages</c>, in id order.</summary>
    protected abstract Task<IReadOnlyList<string>> RowsAsync(string channel);

    [Fact]
    public async Task Publishes_prune_the_messages_older_than_the_retention()
    {
        var time = new ManualTimeProvider();
        await using var transport = await OpenAsync(Settings, time);
        var channel = $"test.channel.prune.{Guid.NewGuid():N}";

        await transport.BroadcastAsync(channel, Encoding.UTF8.GetBytes("old"));
        time.Advance(TimeSpan.FromSeconds(30));
        await transport.BroadcastAsync(channel, Encoding.UTF8.GetBytes("recent"));
        Assert.Equal(["old", "recent"], await RowsAsync(channel));

        time.Advance(TimeSpan.FromSeconds(45)); // "old" is 75 s old, "recent" 45 s
        await transport.BroadcastAsync(channel, Encoding.UTF8.GetBytes("new"));

        Assert.Equal(["recent", "new"], await RowsAsync(channel));
    }
}
