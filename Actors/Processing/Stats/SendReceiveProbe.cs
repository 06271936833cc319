using System.Text.Json;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Stats;

/// <summary>
/// Zulip's check_send_receive_time, through a real queue: <c>queueactors check send-receive</c> publishes a probe to
/// the shared queue <see cref="Queue"/>, which every worker runs (<see cref="ProbeHandler"/>); the handler publishes it
/// back to <see cref="ReplyQueue"/>, where the check waits for it.
/// </summary>
public static class SendReceiveProbe
{
    /// <summary>The logical queue of probes.</summary>
    public const string Queue = "queueactors-probe";

    /// <summary>The logical queue the handled probes come back on.</summary>
    public const string ReplyQueue = "queueactors-probe-reply";

    /// <summary>The site probes are published as.</summary>
    public const string Site = "queueactors-probe";

    /// <summary>The reply queue: transient, one per broker (a check that finds another check's reply drops it).</summary>
    public static QueueSpec ReplySpec(QueueTopology topology) => new(topology.SharedSpec(ReplyQueue).BrokerQueue, Durable: false);

    /// <summary>A probe event with <paramref name="id"/>, as published.</summary>
    public static Envelope Envelope(string id, DateTimeOffset now, string queue) => new()
    {
        MessageId = id,
        Site = Site,
        Queue = queue,
        EnqueuedAt = now,
        ContentType = EventJson.ContentType,
        Body = JsonSerializer.SerializeToUtf8Bytes(new ProbeEvent(id, now), EventJson.Options),
    };
}
