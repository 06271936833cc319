using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Partitions;
using QueueActors.Actors.Transport.InMemory;
using Xunit;

namespace QueueActors.Tests.Partitions;

/// <summary>Publishing onto a partitioned queue: the key picks the partition's broker queue; no key, no publish.</summary>
public sealed class PartitionPublishTests : IAsyncLifetime
{
    private readonly InMemoryTransport _transport = new();
    private readonly QueueTopology _topology = new(MessagingSettings.FromConfig(ConfigLoader.LoadText("""
        queueactors.messaging.partitions { orders = 4 }
        queueactors.messaging.breakout = ["a.example/*"]
        """)));

    private EventPublisher Publisher => new(_transport, _topology);

    [Fact]
    public void The_config_names_the_partitioned_queues_and_their_counts()
    {
        Assert.True(_topology.IsPartitioned("orders"));
        Assert.Equal(4, _topology.PartitionsOf("orders"));
        Assert.False(_topology.IsPartitioned("email"));
        Assert.Equal(1, _topology.PartitionsOf("email"));
        var spec = _topology.PartitionSpec("orders", 3);
        Assert.Equal(("qa.orders.p3", true, true), (spec.BrokerQueue, spec.SingleActiveConsumer, spec.Durable));
    }

    [Fact]
    public async Task An_event_goes_to_the_partition_of_its_options_key_or_else_its_payloads_key_whatever_its_site()
    {
        await Publisher.PublishAsync("b.example", "orders", new KeyedEvent("k-payload", 1));
        await Publisher.PublishAsync("a.example", "orders", new KeyedEvent("ignored", 2), new PublishOptions { PartitionKey = "k-options" });

        Assert.Equal(1, (await _transport.GetStatusAsync($"qa.orders.p{PartitionHash.PartitionOf("k-payload", 4)}")).MessagesReady);
        Assert.Equal(1, (await _transport.GetStatusAsync($"qa.orders.p{PartitionHash.PartitionOf("k-options", 4)}")).MessagesReady);
    }

    [Fact]
    public async Task An_event_without_a_key_is_refused_with_what_to_give()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Publisher.PublishAsync("b.example", "orders", new { text = "no key" }));

        Assert.Contains("PartitionKey", error.Message);
        Assert.Contains("IPartitioned", error.Message);
    }

    [Theory]
    [InlineData("qa.orders.p3", "qa.orders.p3")]
    [InlineData("qa.orders.p4", null)] // a partition the queue no longer has
    [InlineData("qa.orders.p-1", null)]
    [InlineData("qa.orders", null)]
    [InlineData("qa.other.p1", null)]
    public void A_broker_queue_name_gives_its_partition_back_only_when_the_queue_has_it(string brokerQueue, string? partition) =>
        Assert.Equal(partition, _topology.PartitionSpecNamed("orders", brokerQueue)?.BrokerQueue);

    [Fact]
    public void A_partition_count_out_of_range_is_a_config_error()
    {
        var error = Assert.ThrowsAny<Exception>(() => MessagingSettings.FromConfig(ConfigLoader.LoadText("queueactors.messaging.partitions { orders = 0 }")));

        Assert.Contains("partition count", error.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    private sealed record KeyedEvent(string PartitionKey, int Sequence) : IPartitioned;
}
