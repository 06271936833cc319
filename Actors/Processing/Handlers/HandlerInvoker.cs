using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing.Handlers;

/// <summary>Calls one handler class without reflection per event: decode a payload, create the handler, invoke it.</summary>
internal abstract class HandlerInvoker(Type handlerType)
{
    public Type HandlerType { get; } = handlerType;

    public abstract bool IsBatch { get; }

    /// <summary>A handler instance from the scope (registered, or constructed with the scope's services).</summary>
    public object CreateHandler(IServiceProvider services) => ActivatorUtilities.GetServiceOrCreateInstance(services, HandlerType);

    /// <summary>Reads the payload; false with the reason when it cannot be read (never retried).</summary>
    public abstract bool TryDecode(Envelope envelope, out object? decoded, out Exception? error);

    /// <summary>Runs the handler on decoded events (one, unless a batch handler).</summary>
    public abstract ValueTask InvokeAsync(object handler, IReadOnlyList<DecodedEvent> events, CancellationToken cancellationToken);

    /// <summary>System.Text.Json into <typeparamref name="T"/>; JSON null is not an event.</summary>
    protected static bool TryDecode<T>(Envelope envelope, out object? decoded, out Exception? error)
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(envelope.Body.Span, EventJson.Options);
            if (value is null)
            {
                decoded = null;
                error = new InvalidPayloadException($"The payload of message {envelope.MessageId} is JSON null, not a {typeof(T).Name}.");
                return false;
            }

            decoded = value;
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            decoded = null;
            error = new InvalidPayloadException($"The payload of message {envelope.MessageId} is not a valid {typeof(T).Name}: {ex.Message}", ex);
            return false;
        }
    }
}
