using Akka.Actor;
using Akka.Persistence;
using QueueActors.Actors.Persistence;

namespace QueueActors.Benchmarks.Persistence;

/// <summary>
/// Persists one event per <see cref="Next"/> command, with <c>Persist</c> (the next command waits for the write)
/// or <c>PersistAsync</c> (commands keep coming; the journal batches); replies with the count once <see cref="Run"/>'s
/// events are all persisted.
/// </summary>
internal sealed class BenchPersistentActor : ReceivePersistentActor
{
    private IActorRef _replyTo = ActorRefs.Nobody;
    private int _target;
    private int _persisted;

    public BenchPersistentActor(string persistenceId, bool persistAsync)
    {
        PersistenceId = persistenceId;
        Command<string>(_ => Sender.Tell("ready")); // answered once recovered
        Command<Run>(run =>
        {
            (_replyTo, _target, _persisted) = (Sender, run.Events, 0);
            for (var i = 0; i < run.Events; i++)
            {
                Self.Tell(Next.Instance);
            }
        });
        Command<Next>(_ =>
        {
            if (persistAsync)
            {
                PersistAsync(new BenchEvent(LastSequenceNr), Persisted);
            }
            else
            {
                Persist(new BenchEvent(LastSequenceNr), Persisted);
            }
        });
    }

    public override string PersistenceId { get; }

    private void Persisted(BenchEvent _)
    {
        if (++_persisted == _target)
        {
            _replyTo.Tell(_persisted);
        }
    }

    public sealed record Run(int Events);

    public sealed record Next
    {
        public static Next Instance { get; } = new();
    }

    public sealed record BenchEvent(long Previous) : IStoredAsJson;
}
