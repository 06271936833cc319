using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>Log lines of the RabbitMQ transport. Servers are always named by their masked URI.</summary>
internal static partial class RabbitMqLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Connected to RabbitMQ server {Server} (cluster {Cluster})")]
    public static partial void Connected(ILogger logger, string server, string cluster);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Cannot connect to RabbitMQ server {Server}: {Reason}; next try in {Retry}")]
    public static partial void ConnectFailed(ILogger logger, string server, string reason, TimeSpan retry);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Lost RabbitMQ server {Server}: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, string server, string reason);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Publish of {MessageId} to queue {Queue} on {Server} failed, trying the next server: {Reason}")]
    public static partial void PublishFailedOnServer(ILogger logger, string messageId, string queue, string server, string reason);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Error, Message = "Declaring queue {Queue} on {Server} failed: {Reason}")]
    public static partial void DeclareFailed(ILogger logger, string queue, string server, string reason);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Consuming queue {Queue} on {Server}")]
    public static partial void ConsumerAttached(ILogger logger, string queue, string server);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Warning, Message = "Cannot consume queue {Queue} on {Server}: {Reason}; next try in {Retry}")]
    public static partial void ConsumerAttachFailed(ILogger logger, string queue, string server, string reason, TimeSpan retry);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Warning, Message = "Consumer of queue {Queue} on {Server} lost: {Reason}")]
    public static partial void ConsumerLost(ILogger logger, string queue, string server, string reason);

    [LoggerMessage(EventId = 2209, Level = LogLevel.Error, Message = "Delivery callback of queue {Queue} threw; message {MessageId} is requeued")]
    public static partial void CallbackFailed(ILogger logger, string queue, string messageId, Exception exception);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Debug, Message = "Message {MessageId} of queue {Queue} settled after its channel closed; the broker has requeued it")]
    public static partial void SettleAfterChannelLost(ILogger logger, string messageId, string queue);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Debug, Message = "Acks of queue {Queue} not sent: their channel closed, and the broker has requeued the messages")]
    public static partial void AcksAfterChannelLost(ILogger logger, string queue);

    [LoggerMessage(EventId = 2213, Level = LogLevel.Warning, Message = "Delivery tag {Tag} on a channel of queue {Queue} is out of sequence (expected {Expected}); this channel's deliveries are acked one by one from now on")]
    public static partial void AckSequenceBroken(ILogger logger, string queue, ulong tag, ulong expected);

    [LoggerMessage(EventId = 2214, Level = LogLevel.Warning, Message = "Sending acks of queue {Queue} failed: {Reason}; the broker will deliver those events again")]
    public static partial void AckFlushFailed(ILogger logger, string queue, string reason);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Debug, Message = "Closing {What} on {Server} failed: {Reason}")]
    public static partial void CloseFailed(ILogger logger, string what, string server, string reason);

    [LoggerMessage(EventId = 2215, Level = LogLevel.Warning, Message = "{Server} confirmed no publish for {Timeout} while publishes waited: aborting its connection, so they fail over and it reconnects")]
    public static partial void NoConfirms(ILogger logger, string server, TimeSpan timeout);
}
