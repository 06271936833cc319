namespace QueueActors.Benchmarks.Pipeline;

/// <summary>The broker queue types compared: classic durable and quorum, both with persistent messages.</summary>
internal enum QueueKind
{
    ClassicDurable,
    Quorum,
}
