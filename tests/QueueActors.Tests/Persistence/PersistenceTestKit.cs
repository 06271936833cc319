using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using QueueActors.TestKit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Persistence;

/// <summary>
/// Akka.TestKit on a persistence backend (Akka.Persistence.Sql on a real SQLite file or PostgreSQL database), with a
/// log capture for the actors' loggers and a look into the journal and the snapshot store through Akka's own protocol.
/// </summary>
public abstract class PersistenceTestKit : Akka.TestKit.Xunit2.TestKit
{
    private readonly IPersistenceTestBackend _backend;

    protected PersistenceTestKit(IPersistenceTestBackend backend, ITestOutputHelper? output = null)
        : base(backend.AkkaConfig, output: output)
    {
        _backend = backend;
        Loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
    }

    protected IPersistenceTestBackend Backend => _backend;

    /// <summary>What the actors logged (through <see cref="Loggers"/>).</summary>
    protected LogCapture Logs { get; } = new();

    protected ILoggerFactory Loggers { get; }

    /// <summary>Stops <paramref name="actor"/> and waits until it has terminated.</summary>
    protected async Task StopAsync(IActorRef actor)
    {
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor);
    }

    /// <summary>The sequence number of the latest snapshot of <paramref name="persistenceId"/>; null when there is none.</summary>
    protected async Task<long?> LatestSnapshotAtAsync(string persistenceId)
    {
        var probe = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null).Tell(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), probe.Ref);
        return (await probe.ExpectMsgAsync<LoadSnapshotResult>()).Snapshot?.Metadata.SequenceNr;
    }

    /// <summary>The sequence numbers of the events the journal still holds for <paramref name="persistenceId"/>.</summary>
    protected async Task<IReadOnlyList<long>> JournalSequenceNrsAsync(string persistenceId)
    {
        var probe = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null).Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, probe.Ref));
        var numbers = new List<long>();
        while (true)
        {
            switch (await probe.ReceiveOneAsync(TimeSpan.FromSeconds(10)))
            {
                case ReplayedMessage replayed:
                    numbers.Add(replayed.Persistent.SequenceNr);
                    break;
                case RecoverySuccess:
                    return numbers;
                case var other:
                    throw new InvalidOperationException($"The journal answered {other}.");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Loggers.Dispose();
            _backend.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
