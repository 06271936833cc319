using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;

namespace QueueActors.Processors.FanOut;

/// <summary>
/// Stage 1 of a fan-out: publishes one event per target, each with a message id derived from the parent event's id
/// and the target's key (<see cref="TargetMessageId"/>), so that a redelivered parent publishes the same ids again
/// (a receiver, or a log, can tell a copy) rather than new events. It publishes through <see cref="IEventPublisher"/>
/// with <see cref="PublishOptions.MessageId"/>, so a fan-out is routed, confirmed and counted as any publish (and a
/// TestKit <c>InlinePublisher</c> runs it in a unit test).
/// </summary>
public sealed partial class FanOutPublisher(IEventPublisher publisher, ILogger<FanOutPublisher>? logger = null)
{
    /// <summary>Targets published at once by one fan-out (each publish waits for its confirm).</summary>
    public const int Parallelism = 16;

    private readonly ILogger _logger = logger ?? NullLogger<FanOutPublisher>.Instance;

    /// <summary>The message id of the target <paramref name="targetKey"/> of <paramref name="parentMessageId"/>: 32 hex digits, the same every time.</summary>
    public static string TargetMessageId(string parentMessageId, string targetKey)
    {
        ArgumentNullException.ThrowIfNull(parentMessageId);
        ArgumentNullException.ThrowIfNull(targetKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(parentMessageId + "\n" + targetKey));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>
    /// Publishes each target's event for <paramref name="parent"/>'s site on <paramref name="targetQueue"/>; returns once
    /// the broker confirmed them all. A failure (after some were published) throws: the parent is retried and publishes
    /// them all again under the same ids.
    /// </summary>
    /// <exception cref="ArgumentException">Two targets have the same key (they would share a message id).</exception>
    public async Task PublishAsync<TTarget>(HandlerContext parent, string targetQueue, IReadOnlyList<(string Key, TTarget Event)> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(targets);
        QueueNames.ValidateQueue(targetQueue);
        var duplicate = targets.GroupBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The fan-out of message {parent.MessageId} has the target key \"{duplicate.Key}\" {duplicate.Count()} times; keys must be distinct.", nameof(targets));
        }

        if (parent.Attempts > 0)
        {
            Redelivered(_logger, parent.MessageId, parent.Queue, parent.Attempts, targets.Count, targetQueue);
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(targets, options, async (target, token) =>
        {
            var id = new PublishOptions { MessageId = TargetMessageId(parent.MessageId, target.Key) };
            await publisher.PublishAsync(parent.Site, targetQueue, target.Event, id, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Fan-out of message {MessageId} on queue {Queue} is a redelivery (attempt {Attempt}): its {Targets} targets on queue {TargetQueue} are published again under the same message ids")]
    private static partial void Redelivered(ILogger logger, string messageId, string queue, int attempt, int targets, string targetQueue);
}
