using QueueActors.Actors.Processing;

namespace QueueActors.Processors.Email;

/// <summary>
/// The email processor: sends each <see cref="EmailMessage"/> of the <c>email</c> queue over SMTP
/// (<see cref="SmtpEmailSender"/>). Refused for good (5xx, a bad address): dead-lettered at once with the server's
/// reply; a 4xx reply, a lost connection or a timeout: retried with the queue's backoff.
/// </summary>
[Queue(QueueName)]
public sealed class EmailHandler(SmtpEmailSender sender) : IQueueHandler<EmailMessage>
{
    /// <summary>The queue it consumes unless registered on another.</summary>
    public const string QueueName = "email";

    public async ValueTask HandleAsync(EmailMessage @event, HandlerContext context, CancellationToken cancellationToken)
    {
        var message = sender.Compose(@event);
        message.MessageId = $"{context.MessageId}@queueactors"; // the same on every retry: a receiver can drop a copy
        await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
