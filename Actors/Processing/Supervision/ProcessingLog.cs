using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Processing.Supervision;

internal static partial class ProcessingLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Processing queue {Queue} ({Scope}) from broker queue {BrokerQueue}: concurrency {Concurrency}, prefetch {Prefetch}, handler {Handler}")]
    public static partial void QueueStarted(ILogger logger, string queue, string scope, string brokerQueue, int concurrency, int prefetch, string handler);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Event {MessageId} on queue {Queue} of site {Site} failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}: {Error}")]
    public static partial void Retrying(ILogger logger, string messageId, string queue, string site, int attempt, int maxAttempts, TimeSpan delay, string error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Event {MessageId} on queue {Queue} of site {Site} was delivered again without an acknowledgement (delivery {DeliveryCount}, attempt {Attempt}): its worker died; retrying in {Delay}")]
    public static partial void Redelivered(ILogger logger, string messageId, string queue, string site, int deliveryCount, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Event {MessageId} on queue {Queue} of site {Site} went to dead letters ({Reason}, {Attempts} attempts): {File}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string queue, string site, string reason, int attempts, string file);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Event {MessageId} on queue {Queue}: cannot schedule its retry ({Error}); it goes back to the broker queue")]
    public static partial void RetryPublishFailed(ILogger logger, string messageId, string queue, string error);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Event {MessageId} on queue {Queue}: cannot store its dead letter in {Where} ({Error})")]
    public static partial void DeadLetterStoreFailed(ILogger logger, string messageId, string queue, string where, string error);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Queue {Queue} ({Scope}) fails on every event ({Failures} in a row): paused, trying one event again in {Delay}")]
    public static partial void CircuitOpened(ILogger logger, string queue, string scope, int failures, TimeSpan delay);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Queue {Queue} ({Scope}) handled an event again: resumed")]
    public static partial void CircuitClosed(ILogger logger, string queue, string scope);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Queue {Queue} ({Scope}) stops taking events; {InFlight} in flight, {Returned} not started handed back")]
    public static partial void Draining(ILogger logger, string queue, string scope, int inFlight, int returned);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Queue {Queue} ({Scope}): subscribing to broker queue {BrokerQueue} failed: {Error}")]
    public static partial void SubscribeFailed(ILogger logger, string queue, string scope, string brokerQueue, string error);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "Cannot declare broker queue {BrokerQueue} now: {Error}")]
    public static partial void DeclareFailed(ILogger logger, string brokerQueue, string error);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Cannot release a subscription of broker queue {BrokerQueue}: {Error}")]
    public static partial void ReleaseFailed(ILogger logger, string brokerQueue, string error);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Handler scope of queue {Queue} failed to dispose: {Error}")]
    public static partial void ScopeDisposeFailed(ILogger logger, string queue, string error);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "An observer failed on event {MessageId}: {Error}")]
    public static partial void ObserverFailed(ILogger logger, string messageId, string error);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "The handler of queue {Queue} ({Scope}) ignored its cancellation at the timeout {Timeout}: its event was settled, but its code still runs and holds a slot of the queue's concurrency until it ends ({Abandoned} such handlers now)")]
    public static partial void HandlerAbandoned(ILogger logger, string queue, string scope, TimeSpan timeout, int abandoned);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Information, Message = "An abandoned handler of queue {Queue} ({Scope}) ended; its slot is free again ({Abandoned} still running)")]
    public static partial void AbandonedHandlerEnded(ILogger logger, string queue, string scope, int abandoned);
}
