namespace QueueActors.Actors.Processing;

/// <summary>When a queue pauses as a whole: after <see cref="Failures"/> failed events in a row, for a pause doubling from <see cref="MinBackoff"/> to <see cref="MaxBackoff"/>.</summary>
public sealed record CircuitBreakerSettings(int Failures, TimeSpan MinBackoff, TimeSpan MaxBackoff);
