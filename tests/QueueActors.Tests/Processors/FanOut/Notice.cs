namespace QueueActors.Tests.Processors.FanOut;

/// <summary>The fan-out test's stage-1 event: send <see cref="Text"/> to <see cref="Targets"/> targets (t0, t1, …).</summary>
public sealed record Notice(string Text, int Targets);
