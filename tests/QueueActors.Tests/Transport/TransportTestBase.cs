using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport;

/// <summary>
/// What every transport behaviour test needs: a fresh transport per test (from the subclass: in-memory
/// or real RabbitMQ), unique queue names, envelopes, and subscriptions disposed after the test.
/// </summary>
public abstract class TransportTestBase : IAsyncLifetime
{
    private readonly List<ISubscription> _subscriptions = [];

    protected ITransport Transport { get; private set; } = null!;

    public async Task InitializeAsync() => Transport = await CreateTransportAsync();

    public async Task DisposeAsync()
    {
        await OnDisposingAsync();
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync();
        }

        await Transport.DisposeAsync();
    }

    protected abstract Task<ITransport> CreateTransportAsync();

    /// <summary>Runs first on dispose, before the subscriptions and the transport: a subclass's own resources.</summary>
    protected virtual Task OnDisposingAsync() => Task.CompletedTask;

    protected static string NewQueueName(string what) => $"test.{what}.{Guid.NewGuid():N}";

    protected static Envelope NewEnvelope(string body = "{\"n\":1}", int attempts = 0) => new()
    {
        Site = "example.org",
        Queue = "email",
        Attempts = attempts,
        EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
        Body = Encoding.UTF8.GetBytes(body),
    };

    protected static string Text(Delivery delivery) => Encoding.UTF8.GetString(delivery.Envelope.Body.Span);

    protected async Task<(ISubscription Subscription, DeliveryProbe Probe)> SubscribeAsync(QueueSpec spec, ushort prefetch = 10)
    {
        var probe = new DeliveryProbe();
        var subscription = await Transport.SubscribeAsync(spec, prefetch, probe.OnDeliveryAsync);
        _subscriptions.Add(subscription);
        return (subscription, probe);
    }
}
