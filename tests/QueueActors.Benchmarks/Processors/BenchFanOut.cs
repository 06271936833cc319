using QueueActors.Actors.Processing;
using QueueActors.Processors.FanOut;

namespace QueueActors.Benchmarks.Processors;

/// <summary>The fan-out measured: one event to <see cref="BenchNotice.Targets"/> targets on queue <c>target</c>.</summary>
internal sealed class BenchFanOut(FanOutPublisher publisher) : FanOutHandler<BenchNotice, BenchNotice>(publisher)
{
    protected override string TargetQueue => "target";

    protected override ValueTask<IReadOnlyList<(string Key, BenchNotice Event)>> TargetsAsync(BenchNotice @event, HandlerContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string, BenchNotice)> targets = [.. Enumerable.Range(0, @event.Targets).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), @event with { Targets = 0 }))];
        return ValueTask.FromResult(targets);
    }
}

/// <summary>The benchmark's event (a fan-out's parent when <see cref="Targets"/> &gt; 0).</summary>
internal sealed record BenchNotice(string Text, int Targets);

/// <summary>Stage 2 and the plain queue: does nothing.</summary>
internal sealed class NoOpNoticeHandler : IQueueHandler<BenchNotice>
{
    public ValueTask HandleAsync(BenchNotice @event, HandlerContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
