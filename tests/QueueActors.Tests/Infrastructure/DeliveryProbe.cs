using System.Threading.Channels;
using QueueActors.Actors.Transport;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// Collects deliveries from a subscription callback so a test can await them: <see cref="ExpectAsync"/>
/// waits for the next one (failing after a timeout), <see cref="ExpectNoneAsync"/> checks that nothing
/// comes within a short window. The callback only records: the test settles deliveries itself.
/// </summary>
public sealed class DeliveryProbe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();

    public ValueTask OnDeliveryAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        _deliveries.Writer.TryWrite(delivery);
        return ValueTask.CompletedTask;
    }

    public async Task<Delivery> ExpectAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await _deliveries.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No delivery within {timeout ?? DefaultTimeout}.");
        }
    }

    public async Task ExpectNoneAsync(TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        try
        {
            var delivery = await _deliveries.Reader.ReadAsync(cts.Token);
            throw new Xunit.Sdk.XunitException($"Expected no delivery but got message {delivery.Envelope.MessageId}.");
        }
        catch (OperationCanceledException)
        {
            // Nothing came: as expected.
        }
    }
}
