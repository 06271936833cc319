using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.Handlers;
using QueueActors.Actors.Uniqueness;

namespace QueueActors.TestKit.Processing;

/// <summary>
/// Zulip's test mode for <see cref="IEventPublisher"/>: no broker, no actors. <see cref="PublishAsync{T}"/>
/// serializes the payload, reads it back (the same JSON round trip a real queue does) and calls the
/// queue's handler at once, or the function the test gave. A handler that throws is called again at once,
/// up to <c>maxRetries</c> times, then the event is dead-lettered (in <see cref="Recorder"/>, no file);
/// a payload that cannot be read is dead-lettered without a call. Nothing is thrown to the publisher.
/// </summary>
public sealed class InlinePublisher : IEventPublisher
{
    private readonly IServiceProvider? _services;
    private readonly Dictionary<string, QueueHandlerRegistration> _handlers = new(StringComparer.Ordinal);
    private readonly Func<string, string, JsonElement, CancellationToken, ValueTask>? _consume;
    private readonly int _maxRetries;
    private readonly InMemoryUniqueKeys _uniqueKeys = new();

    /// <summary>Calls the handlers registered in <paramref name="services"/> (<c>AddQueueHandler</c>).</summary>
    public InlinePublisher(IServiceProvider services, int maxRetries = 0)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        _services = services;
        _maxRetries = maxRetries;
        foreach (var registration in services.GetServices<QueueHandlerRegistration>())
        {
            _handlers[registration.Queue] = registration;
        }
    }

    /// <summary>Calls <paramref name="consume"/> with (site, queue, payload read back as JSON) for every publish.</summary>
    public InlinePublisher(Func<string, string, JsonElement, CancellationToken, ValueTask> consume, int maxRetries = 0)
    {
        ArgumentNullException.ThrowIfNull(consume);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        _consume = consume;
        _maxRetries = maxRetries;
    }

    /// <summary>What was handled, retried and dead-lettered.</summary>
    public ProcessingRecorder Recorder { get; } = new();

    private IProcessingObserver Observer => Recorder;

    /// <summary>
    /// Test mode has no clock: a delayed or scheduled event is handled at once (outcome <see cref="PublishOutcome.Published"/>);
    /// a unique key is honoured (a duplicate is not handled), with windows on the system clock.
    /// </summary>
    public async ValueTask<PublishResult> PublishAsync<T>(string site, string queue, T payload, PublishOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = DateTimeOffset.UtcNow;
        options.Validate(now);
        var messageId = options.MessageId ?? Guid.NewGuid().ToString("N");
        if (options.UniqueKey is { } key)
        {
            var holder = await _uniqueKeys.TakeAsync(key, messageId, now + (options.UniqueFor ?? TimeSpan.FromHours(1)), cancellationToken).ConfigureAwait(false);
            if (holder != messageId)
            {
                return new PublishResult(holder, PublishOutcome.Duplicate);
            }
        }

        return new PublishResult(await PublishAsync(site, queue, payload, messageId, cancellationToken).ConfigureAwait(false), PublishOutcome.Published);
    }

    /// <inheritdoc />
    public ValueTask<string> PublishAsync<T>(string site, string queue, T payload, CancellationToken cancellationToken = default) =>
        PublishAsync(site, queue, payload, Guid.NewGuid().ToString("N"), cancellationToken);

    private async ValueTask<string> PublishAsync<T>(string site, string queue, T payload, string messageId, CancellationToken cancellationToken)
    {
        QueueNames.ValidateSite(site);
        QueueNames.ValidateQueue(queue);
        var envelope = new Envelope
        {
            MessageId = messageId,
            Site = site,
            Queue = queue,
            EnqueuedAt = DateTimeOffset.UtcNow,
            Body = JsonSerializer.SerializeToUtf8Bytes(payload, EventJson.Options),
        };
        Func<Envelope, ValueTask>? call = null;
        Exception? undecodable = null;
        if (_consume is not null)
        {
            var json = JsonDocument.Parse(envelope.Body).RootElement.Clone();
            call = e => _consume(site, queue, json, cancellationToken);
        }
        else if (!_handlers.TryGetValue(queue, out var registration))
        {
            throw new InvalidOperationException($"No handler is registered for queue {queue} (registered: {string.Join(", ", _handlers.Keys)}).");
        }
        else if (registration.Invoker.TryDecode(envelope, out var decoded, out undecodable))
        {
            call = e => InvokeAsync(registration.Invoker, decoded!, e, cancellationToken);
        }

        if (call is null)
        {
            Observer.OnDeadLettered(DeadLetterRecord.Create(envelope, queue, DeadLetterReason.Undecodable, 0, undecodable, "inline", DateTimeOffset.UtcNow));
            return envelope.MessageId;
        }

        await RunWithRetriesAsync(envelope, call).ConfigureAwait(false);
        return envelope.MessageId;
    }

    private async Task RunWithRetriesAsync(Envelope envelope, Func<Envelope, ValueTask> call)
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await call(envelope).ConfigureAwait(false);
                Observer.OnHandled(new HandledEvent(envelope, Stopwatch.GetElapsedTime(started)));
                return;
            }
            catch (Exception ex)
            {
                var attempts = envelope.Attempts + 1;
                var failedAt = DateTimeOffset.UtcNow;
                envelope = envelope with { Attempts = attempts, FirstFailedAt = envelope.FirstFailedAt ?? failedAt };
                if (attempts > _maxRetries || ex is PermanentFailureException)
                {
                    var reason = ex is PermanentFailureException ? DeadLetterReason.Rejected : DeadLetterReason.RetriesExhausted;
                    Observer.OnDeadLettered(DeadLetterRecord.Create(envelope, envelope.Queue, reason, attempts, ex, "inline", failedAt));
                    return;
                }

                Observer.OnRetried(new RetriedEvent(envelope with { Attempts = attempts - 1 }, attempts, TimeSpan.Zero, ex));
            }
        }
    }

    private async ValueTask InvokeAsync(HandlerInvoker invoker, object decoded, Envelope envelope, CancellationToken cancellationToken)
    {
        await using var scope = _services!.CreateAsyncScope();
        var handler = invoker.CreateHandler(scope.ServiceProvider);
        var context = new HandlerContext
        {
            Site = envelope.Site,
            Queue = envelope.Queue,
            MessageId = envelope.MessageId,
            Attempts = envelope.Attempts,
            EnqueuedAt = envelope.EnqueuedAt,
        };
        await invoker.InvokeAsync(handler, [new DecodedEvent(decoded, context)], cancellationToken).ConfigureAwait(false);
    }
}
