using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Messaging;
using QueueActors.Host.Node;
using QueueActors.Tests.Host.Embedded;
using Xunit;

namespace QueueActors.Tests.Scheduling;

/// <summary><c>ctl scheduled list|cancel</c> and <c>queue list</c> on the embedded node: what the control channel says about held events.</summary>
public sealed class ScheduledControlTests
{
    private const string Site = "alpha.example";

    [Fact]
    public async Task Queue_list_and_scheduled_list_show_a_held_event_and_scheduled_cancel_drops_it_once()
    {
        await using var embedded = await RunningEmbeddedNode.StartAsync();
        var publisher = embedded.Node.Services.GetRequiredService<IEventPublisher>();
        var later = await publisher.PublishAsync(Site, "other", new RecordedEvent("later"), new PublishOptions { Delay = TimeSpan.FromHours(1) });
        var client = embedded.Node.Services.GetRequiredService<NodeRuntime>().Client!;

        var queues = Assert.Single((await client.SendAsync(new ControlCall(ControlCommands.QueueList))).Served).Reply;
        var other = queues.Data!.Value.EnumerateArray().Single(q => q.GetProperty("queue").GetString() == "other");
        Assert.Equal(1, other.GetProperty("stats").GetProperty("scheduled").GetInt64());
        var listed = Assert.Single((await client.SendAsync(new ControlCall(ControlCommands.ScheduledList) { Arguments = new Dictionary<string, string> { [ControlArguments.Queue] = "other" } })).Served).Reply;
        Assert.Contains(later.MessageId, listed.Text, StringComparison.Ordinal);

        var cancel = new ControlCall(ControlCommands.ScheduledCancel) { Arguments = new Dictionary<string, string> { [ControlArguments.Id] = later.MessageId } };
        Assert.Single((await client.SendAsync(cancel)).Served);
        Assert.Empty((await client.SendAsync(cancel)).Served); // already gone: not served
        var after = Assert.Single((await client.SendAsync(new ControlCall(ControlCommands.ScheduledList))).Served).Reply;
        Assert.StartsWith("0 scheduled event(s)", after.Text, StringComparison.Ordinal);
    }
}
