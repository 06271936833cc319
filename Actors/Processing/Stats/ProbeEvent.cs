namespace QueueActors.Actors.Processing.Stats;

/// <summary>What <c>check send-receive</c> publishes to <see cref="SendReceiveProbe.Queue"/>.</summary>
public sealed record ProbeEvent(string ProbeId, DateTimeOffset SentAt);
