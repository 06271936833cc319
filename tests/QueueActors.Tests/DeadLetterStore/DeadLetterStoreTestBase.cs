using System.Text;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.DeadLetters.Store;
using Envelope = QueueActors.Actors.Messaging.Envelope;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Persistence;
using Xunit;
using StoreActor = QueueActors.Actors.Processing.DeadLetters.Store.DeadLetterStore;

namespace QueueActors.Tests.DeadLetterStore;

/// <summary>
/// What the dead-letter store tests share: Akka.Persistence.Sql on the backend (a fresh database per test), a
/// temporary dead-letter folder, an in-memory transport, the reference topology and a manual clock as the store's time.
/// </summary>
public abstract class DeadLetterStoreTestBase : PersistenceTestKit
{
    private readonly TempDirectory _folder = new();

    protected DeadLetterStoreTestBase(IPersistenceTestBackend backend)
        : this(backend, new ManualTimeProvider())
    {
    }

    private DeadLetterStoreTestBase(IPersistenceTestBackend backend, ManualTimeProvider clock)
        : base(backend)
    {
        Clock = clock;
        Files = new DeadLetterFiles(Path.Combine(_folder.Path, "dead-letters"));
    }

    protected ManualTimeProvider Clock { get; }

    protected DeadLetterFiles Files { get; }

    protected InMemoryTransport Transport { get; } = new();

    protected QueueTopology Topology { get; } = new(MessagingSettings.FromConfig(ConfigLoader.Reference));

    /// <summary>A store, as a node starts it (on <paramref name="system"/>, default the test's).</summary>
    protected Task<IActorRef> StartStoreAsync(int snapshotInterval = StoreActor.DefaultSnapshotInterval, ActorSystem? system = null) =>
        Task.FromResult((system ?? Sys).ActorOf(StoreActor.Props(Files, Transport, Topology, snapshotInterval, Clock, Loggers.CreateLogger<StoreActor>())));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _folder.Dispose();
        }
    }

    /// <summary>Sends <paramref name="command"/> from the test actor and waits for its reply.</summary>
    protected async Task<T> AskAsync<T>(IActorRef store, object command)
    {
        store.Tell(command, TestActor);
        return await ExpectMsgAsync<T>(TimeSpan.FromSeconds(10));
    }

    protected Task<DeadLetterRecorded> RecordAsync(IActorRef store, DeadLetterRecord record) => AskAsync<DeadLetterRecorded>(store, new RecordDeadLetter(record));

    protected async Task<IReadOnlyList<string>> EntryIdsAsync(IActorRef store) =>
        [.. (await AskAsync<DeadLetterList>(store, new ListDeadLetters(Limit: 10_000))).Entries.Select(e => e.Id)];

    /// <summary>The ids of the record files in the folder, sorted.</summary>
    protected IReadOnlyList<string> FileIds() =>
        Directory.Exists(Files.Directory)
            ? [.. Directory.EnumerateFiles(Files.Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!]
            : [];

    /// <summary>The folder holds a file for exactly the store's live entries.</summary>
    protected async Task AssertFilesAgreeAsync(IActorRef store) => Assert.Equal(await EntryIdsAsync(store), FileIds());

    /// <summary>A record of an event of <paramref name="site"/>/<paramref name="queue"/> failing a millisecond after the manual clock's now.</summary>
    protected DeadLetterRecord NewRecord(string site = "example.com", string queue = "email", string payload = """{"to":"a@example.com"}""", IReadOnlyDictionary<string, string>? headers = null)
    {
        Clock.Advance(TimeSpan.FromMilliseconds(1)); // ids start with the enqueue time: records made in turn list in turn
        var envelope = new Envelope
        {
            Site = site,
            Queue = queue,
            Attempts = 5,
            EnqueuedAt = Clock.GetUtcNow(),
            ContentType = "application/json",
            Body = Encoding.UTF8.GetBytes(payload),
            Headers = headers,
        };
        return DeadLetterRecord.Create(envelope, Topology.BrokerQueueFor(site, queue), DeadLetterReason.RetriesExhausted, 6, new InvalidOperationException("boom"), "node-a", Clock.GetUtcNow());
    }
}
