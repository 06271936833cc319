using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>
/// The visibility timeout: a claim that is never settled (its worker hangs or died) runs out and the message
/// is delivered again, counted; nothing is lost. Driven by a manual clock.
/// </summary>
public sealed class SqlClaimTimeoutTests : IDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Reclaim = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_claim_never_settled_is_delivered_again_after_the_visibility_timeout_and_not_before()
    {
        await using var transport = await OpenAsync();
        var spec = new QueueSpec("qa.timeout", Durable: true);
        var probe = new DeliveryProbe();
        await using var subscription = await transport.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);
        await transport.PublishAsync(spec.BrokerQueue, Message("hang"));
        var first = await probe.ExpectAsync();

        _clock.Advance(Visibility - TimeSpan.FromSeconds(1));
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
        _clock.Advance(TimeSpan.FromSeconds(1));

        var again = await ExpectReclaimedAsync(probe);
        Assert.Equal(first.Envelope.MessageId, again.Envelope.MessageId);
        Assert.Equal(2, again.DeliveryCount);

        await first.AckAsync(); // late: its claim ran out, so it must not delete the message
        await again.RejectAsync(requeue: true);
        var third = await probe.ExpectAsync();
        Assert.Equal(3, third.DeliveryCount);
        await third.AckAsync();
    }

    [Fact]
    public async Task A_message_held_by_a_hung_worker_goes_to_another_worker_after_the_visibility_timeout()
    {
        await using var crashed = await OpenAsync();
        await using var survivor = await OpenAsync(); // another instance on the same file, as after a restart
        var spec = new QueueSpec("qa.crash", Durable: true);
        var hung = new DeliveryProbe();
        await using var hungSubscription = await crashed.SubscribeAsync(spec, 1, hung.OnDeliveryAsync);
        await crashed.PublishAsync(spec.BrokerQueue, Message("poison"));
        var taken = await hung.ExpectAsync();
        await hungSubscription.StopAsync(); // takes nothing more, but never settles what it has
        var healthy = new DeliveryProbe();
        await using var healthySubscription = await survivor.SubscribeAsync(spec, 1, healthy.OnDeliveryAsync);
        await healthy.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));

        _clock.Advance(Visibility);

        var redelivered = await ExpectReclaimedAsync(healthy);
        Assert.Equal(taken.Envelope.MessageId, redelivered.Envelope.MessageId);
        Assert.Equal(2, redelivered.DeliveryCount);
        await redelivered.AckAsync();
    }

    private Task<Actors.Transport.Sql.SqlTransport> OpenAsync() =>
        SqlTestTransports.OpenSqliteAsync(_directory.Path, SqlTestTransports.Settings with { VisibilityTimeout = Visibility, ReclaimInterval = Reclaim }, _clock);

    /// <summary>
    /// The next delivery, once the clock has passed the visibility timeout. The reclaim loop waits on the manual clock: a
    /// loop that was between two waits when the clock moved (a loaded machine; failed so in CI) sees only the next move,
    /// so the clock moves on a reclaim interval at a time until the delivery comes.
    /// </summary>
    private async Task<Delivery> ExpectReclaimedAsync(DeliveryProbe probe)
    {
        for (var moves = 0; ; moves++)
        {
            try
            {
                return await probe.ExpectAsync(TimeSpan.FromMilliseconds(500));
            }
            catch (Xunit.Sdk.XunitException) when (moves < 20)
            {
                _clock.Advance(Reclaim);
            }
        }
    }

    private Envelope Message(string body) => new() { Site = "s", Queue = "q", EnqueuedAt = _clock.GetUtcNow(), Body = Encoding.UTF8.GetBytes(body) };
}
