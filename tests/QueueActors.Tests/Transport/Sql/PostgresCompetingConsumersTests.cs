using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>
/// Several nodes on one PostgreSQL database: each transport instance has its own pool and LISTEN
/// connection, as a separate process would.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresCompetingConsumersTests(PostgresFixture postgres) : PostgresNodesTestBase(postgres)
{
    [Fact]
    public async Task Two_consumers_on_two_nodes_never_get_the_same_message_and_share_the_work()
    {
        const int count = 200;
        const int prefetch = 5;
        var spec = new QueueSpec("qa.compete." + Guid.NewGuid().ToString("N")[..8], Durable: true);
        var producer = await OpenNodeAsync();
        var seen = new ConcurrentDictionary<string, int>();
        var perNode = new int[2];
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first 2 × prefetch deliveries are held unsettled: one node can hold only prefetch of them, so the
        // rest must go to the other node before anything is acknowledged and the work goes on.
        var held = new List<Delivery>();
        var released = false;
        for (var node = 0; node < 2; node++)
        {
            var index = node;
            await (await OpenNodeAsync()).SubscribeAsync(spec, prefetch, async (delivery, _) =>
            {
                seen.AddOrUpdate(delivery.Envelope.MessageId, 1, static (_, n) => n + 1);
                Interlocked.Increment(ref perNode[index]);
                Delivery[] settle;
                lock (held)
                {
                    if (released)
                    {
                        settle = [delivery];
                    }
                    else
                    {
                        held.Add(delivery);
                        released = held.Count == 2 * prefetch;
                        settle = released ? [.. held] : [];
                    }
                }

                foreach (var each in settle)
                {
                    await each.AckAsync();
                }

                if (seen.Count == count)
                {
                    all.TrySetResult();
                }
            });
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => producer.PublishAsync(spec.BrokerQueue, Message($"m{i}")).AsTask()));

        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(seen, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(count, perNode[0] + perNode[1]);
        Assert.True(perNode[0] > 0 && perNode[1] > 0, $"work split {perNode[0]}/{perNode[1]}");
        Assert.Equal(0, (await producer.GetStatusAsync(spec.BrokerQueue)).MessagesReady);
    }

    [Fact]
    public async Task An_idle_consumer_on_one_node_is_woken_by_a_publish_on_another_node_without_polling()
    {
        var spec = new QueueSpec("qa.notify." + Guid.NewGuid().ToString("N")[..8], Durable: true);
        var consumerNode = await OpenNodeAsync(SqlWakeupTests.NoFallback);
        var producerNode = await OpenNodeAsync(SqlWakeupTests.NoFallback);
        var probe = new DeliveryProbe();
        await consumerNode.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(100)); // the consumer has gone idle

        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await producerNode.PublishAsync(spec.BrokerQueue, Message($"m{i}"));
            await (await probe.ExpectAsync(TimeSpan.FromSeconds(5))).AckAsync();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"woken after {clock.Elapsed}");
        }
    }


    private static Envelope Message(string body) => new() { Site = "s", Queue = "q", EnqueuedAt = DateTimeOffset.UtcNow, Body = Encoding.UTF8.GetBytes(body) };
}
