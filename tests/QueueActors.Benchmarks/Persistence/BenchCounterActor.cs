using QueueActors.Actors.Persistence;
using QueueActors.Actors.Runtime;

namespace QueueActors.Benchmarks.Persistence;

/// <summary>A persistent actor that persists one small event per command and replies when it is applied.</summary>
internal sealed class BenchCounterActor(PersistenceStores stores, string persistenceId) : PersistentActor(stores)
{
    private long _total;

    public override string PersistenceId => persistenceId;

    protected override void ReceiveRecover(object message)
    {
        if (message is Incremented incremented)
        {
            _total += incremented.By;
        }
    }

    protected override ValueTask ReceiveCommandAsync(object message) => message switch
    {
        Incremented command => PersistAsync(command, e =>
        {
            _total += e.By;
            Reply(_total);
        }),
        _ => Unhandled(message),
    };

    public sealed record Incremented(int By);
}
