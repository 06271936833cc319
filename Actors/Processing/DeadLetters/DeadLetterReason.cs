using System.Text.Json.Serialization;

namespace QueueActors.Actors.Processing.DeadLetters;

/// <summary>Why an event ended in dead letters.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeadLetterReason>))]
public enum DeadLetterReason
{
    /// <summary>The handler failed on it more than <c>max-retries</c> times.</summary>
    RetriesExhausted,

    /// <summary>The payload could not be read as the handler's event type (never retried).</summary>
    Undecodable,

    /// <summary>It was delivered again and again without an acknowledgement: workers died handling it.</summary>
    CrashLoop,

    /// <summary>The handler threw <see cref="PermanentFailureException"/>: it can never succeed (never retried).</summary>
    Rejected,

    /// <summary>An outbox row whose site or queue cannot be published to (an invalid name, a disabled site): never retried.</summary>
    Unroutable,
}
